package dev.sluice.shuffle.io;

/**
 * Names one block of shuffle data: the segment of map task {@code mapId}'s output that belongs to reduce
 * partition {@code reduceId}.
 */
public record ShuffleBlockId(int shuffleId, int mapId, int reduceId) {

    /** Checks that all ids are non-negative. */
    public ShuffleBlockId {
        if (shuffleId < 0 || mapId < 0 || reduceId < 0) {
            throw new IllegalArgumentException(
                    "ids must not be negative: shuffle " + shuffleId + ", map " + mapId + ", reduce " + reduceId);
        }
    }

    /** Returns the block name, such as {@code shuffle_3_7_2}. */
    @Override
    public String toString() {
        return "shuffle_" + shuffleId + "_" + mapId + "_" + reduceId;
    }
}
