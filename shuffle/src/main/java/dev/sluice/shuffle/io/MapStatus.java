package dev.sluice.shuffle.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of a committed map task: where its output is and how many bytes each reduce partition
 * received. Reducers use the lengths to skip empty blocks and to plan fetches.
 *
 * <p>The array is copied on the way in and out, so instances are immutable; use
 * {@link #partitionLength(int)} to read single lengths without copying.
 */
public record MapStatus(int shuffleId, int mapId, long[] partitionLengths) {

    /** Checks the ids and lengths and copies the array. */
    public MapStatus {
        Objects.requireNonNull(partitionLengths, "partitionLengths");
        if (shuffleId < 0 || mapId < 0) {
            throw new IllegalArgumentException("ids must not be negative: shuffle " + shuffleId + ", map " + mapId);
        }
        partitionLengths = partitionLengths.clone();
        for (long length : partitionLengths) {
            if (length < 0) {
                throw new IllegalArgumentException("negative partition length in " + Arrays.toString(partitionLengths));
            }
        }
    }

    /** Returns a copy of the per-partition byte counts. */
    @Override
    public long[] partitionLengths() {
        return partitionLengths.clone();
    }

    /** Returns the number of bytes written for reduce partition {@code reduceId}. */
    public long partitionLength(int reduceId) {
        return partitionLengths[reduceId];
    }

    /** Returns the number of reduce partitions. */
    public int numPartitions() {
        return partitionLengths.length;
    }

    /** Returns the size of the whole data file. */
    public long totalBytes() {
        long total = 0;
        for (long length : partitionLengths) {
            total += length;
        }
        return total;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MapStatus that
                && shuffleId == that.shuffleId
                && mapId == that.mapId
                && Arrays.equals(partitionLengths, that.partitionLengths);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * shuffleId + mapId) + Arrays.hashCode(partitionLengths);
    }

    @Override
    public String toString() {
        return "MapStatus[shuffleId=" + shuffleId + ", mapId=" + mapId
                + ", partitionLengths=" + Arrays.toString(partitionLengths) + "]";
    }
}
