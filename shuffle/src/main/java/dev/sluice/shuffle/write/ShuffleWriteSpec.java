package dev.sluice.shuffle.write;

import dev.sluice.common.record.Combiner;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * What one map task writes: which shuffle and map task, how many reduce partitions, which partition
 * each key goes to, and optionally how to combine values by key before writing.
 *
 * @param partitioner maps a key (possibly null) to a partition in {@code [0, numPartitions)}
 * @param combiner the map-side combine, or null to write records as they come
 * @param <K> the key type
 * @param <V> the value type
 * @param <C> the combiner type (unused without a combiner)
 */
public record ShuffleWriteSpec<K, V, C>(
        int shuffleId, int mapId, int numPartitions, ToIntFunction<Object> partitioner, Combiner<V, C> combiner) {

    /** Checks the ids, the partition count and the partitioner. */
    public ShuffleWriteSpec {
        if (shuffleId < 0 || mapId < 0) {
            throw new IllegalArgumentException("ids must not be negative: shuffle " + shuffleId + ", map " + mapId);
        }
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive: " + numPartitions);
        }
        Objects.requireNonNull(partitioner, "partitioner");
    }

    /**
     * Returns the partition of {@code key}.
     *
     * @throws IllegalStateException if the partitioner answers outside {@code [0, numPartitions)}
     */
    public int partitionOf(Object key) {
        int partition = partitioner.applyAsInt(key);
        if (partition < 0 || partition >= numPartitions) {
            throw new IllegalStateException("Partitioner put a key of "
                    + (key == null ? "null" : key.getClass().getName()) + " in partition " + partition
                    + ", outside [0, " + numPartitions + ")");
        }
        return partition;
    }
}
