package dev.sluice.shuffle.tracker;

import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;

import java.util.ArrayList;
import java.util.List;

/**
 * The map outputs of one shuffle and the executor holding each, as the driver knew them at one
 * moment: what a remote executor asks for to plan its fetches.
 *
 * @param shuffleId the shuffle
 * @param statuses  the map statuses, indexed by map id; null where an output is missing
 * @param executors the executor holding each output, indexed by map id; null where an output is missing
 */
public record MapOutputSnapshot(int shuffleId, MapStatus[] statuses, String[] executors) {

    static List<ShuffleBlockId> nonEmptyBlocks(int shuffleId, MapStatus[] statuses, int reduceId) {
        List<ShuffleBlockId> blocks = new ArrayList<>(statuses.length);
        for (MapStatus s : statuses) {
            if (s.partitionLength(reduceId) > 0) {
                blocks.add(new ShuffleBlockId(shuffleId, s.mapId(), reduceId));
            }
        }
        return blocks;
    }

    /** The bytes of reduce partition {@code reduceId} over all outputs, or -1 if some are missing. */
    static long bytesFor(MapStatus[] statuses, int reduceId) {
        long bytes = 0;
        for (MapStatus s : statuses) {
            if (s == null) {
                return -1;
            }
            bytes += s.partitionLength(reduceId);
        }
        return bytes;
    }
}
