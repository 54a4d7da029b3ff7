package dev.sluice.shuffle.tracker;

import dev.sluice.shuffle.io.ShuffleBlockId;

import java.util.List;

/**
 * What a reduce task asks about the map outputs it reads: the driver's {@link MapOutputTracker} in
 * local mode, a copy fetched from the driver on a remote executor.
 */
public interface MapOutputLookup {

    /** The non-empty blocks reduce partition {@code reduceId} must read, in map order. */
    List<ShuffleBlockId> blocksFor(int shuffleId, int reduceId);

    /** The bytes reduce partition {@code reduceId} reads from all map outputs, or -1 if unknown. */
    long bytesFor(int shuffleId, int reduceId);
}
