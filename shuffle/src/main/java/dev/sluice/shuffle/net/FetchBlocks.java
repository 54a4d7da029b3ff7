package dev.sluice.shuffle.net;

import java.util.Arrays;

/**
 * Asks a block server for the segments of one map output: the reduce partitions {@code reduceIds} of map task
 * {@code mapId} in shuffle {@code shuffleId}. The reply is a stream of blocks in the order of {@code reduceIds}.
 *
 * @param shuffleId the shuffle
 * @param mapId the map task whose output is read
 * @param reduceIds the reduce partitions wanted, at least one
 */
public record FetchBlocks(int shuffleId, int mapId, int[] reduceIds) {

    /** Checks the ids and copies the array. */
    public FetchBlocks {
        if (shuffleId < 0 || mapId < 0) {
            throw new IllegalArgumentException("ids must not be negative: shuffle " + shuffleId + ", map " + mapId);
        }
        if (reduceIds == null || reduceIds.length == 0) {
            throw new IllegalArgumentException("at least one reduce id is needed for shuffle " + shuffleId
                    + " map " + mapId);
        }
        reduceIds = reduceIds.clone();
        for (int reduceId : reduceIds) {
            if (reduceId < 0) {
                throw new IllegalArgumentException("reduce ids must not be negative, got " + reduceId);
            }
        }
    }

    /** A copy of the requested reduce ids. */
    @Override
    public int[] reduceIds() {
        return reduceIds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FetchBlocks that && shuffleId == that.shuffleId && mapId == that.mapId
                && Arrays.equals(reduceIds, that.reduceIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * shuffleId + mapId) + Arrays.hashCode(reduceIds);
    }

    @Override
    public String toString() {
        return "FetchBlocks[shuffle " + shuffleId + ", map " + mapId + ", reduces " + Arrays.toString(reduceIds) + "]";
    }
}
