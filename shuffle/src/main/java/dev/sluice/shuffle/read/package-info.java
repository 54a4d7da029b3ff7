/**
 * The reduce side of a shuffle: {@link dev.sluice.shuffle.read.ShuffleReader} turns fetched blocks back into
 * records, and {@link dev.sluice.shuffle.read.ReduceSide} composes a reduce task's whole read (fetch, combine or
 * group, sort) over the spilling collections of {@code sort}. The map side is
 * {@link dev.sluice.shuffle.write.ShuffleMapWriter}.
 */
package dev.sluice.shuffle.read;
