/**
 * The shuffle block service over the network transport: {@link dev.sluice.shuffle.net.ShuffleBlockServer} serves
 * the segments of the map outputs in a {@link dev.sluice.shuffle.io.LocalDirectory}, and
 * {@link dev.sluice.shuffle.net.NettyShuffleBlockFetcher} fetches them for a reduce task, batching the blocks of
 * one map output into one {@link dev.sluice.shuffle.net.FetchBlocks} request and verifying a CRC32C per block.
 * The wire format is described in {@link dev.sluice.shuffle.net.BlockProtocol}.
 */
package dev.sluice.shuffle.net;
