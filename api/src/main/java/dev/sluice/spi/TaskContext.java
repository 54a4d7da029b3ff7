package dev.sluice.spi;

import java.util.Iterator;

/**
 * What a running task offers the nodes it computes: who it is, the block manager, shuffle reads
 * and spillable aggregation. Implemented by the runtime; one instance per task attempt.
 */
public interface TaskContext {
    int stageId();

    /** The partition this task computes (of the stage's last node). */
    int partitionId();

    /** 0 for the first attempt, 1 for the first retry, … */
    int attemptNumber();

    /** The records of a persisted node's partition, from the cache or computed and cached. */
    <T> Iterator<T> getOrCompute(Node<T> node, Partition partition);

    /**
     * The records of reduce partition {@code partition} of a shuffle, aggregated by key if the
     * dependency has an aggregator (each key once, with its merged combiner) and sorted by key if it
     * has a key ordering. Records are built with the dependency's {@link RecordShape}.
     */
    Iterator<Object> readShuffle(ShuffleDependency dependency, int partition);

    /** Aggregates {@code records} by key with {@code aggregator}, spilling to disk when memory is short. */
    Iterator<Object> aggregate(Iterator<Object> records, RecordShape shape, Aggregator aggregator);

    /** Wraps the records a source node produces, so the runtime can count task input. */
    default <T> Iterator<T> sourceRecords(Iterator<T> records) {
        return records;
    }

    /** Runs {@code action} when the task ends, successfully or not (e.g. to close a file). */
    void onCompletion(Runnable action);
}
