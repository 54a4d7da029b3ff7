package dev.sluice.spi;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import java.util.Iterator;

/**
 * What a running task offers the nodes it computes: who it is, the block manager, shuffle reads,
 * spillable aggregation and in-memory tables for hash joins. Implemented by the runtime; one instance per task attempt.
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
    Iterator<Object> aggregate(Iterator<Object> records, RecordShape<Object, Object, Object> shape,
                               Combiner<Object, Object> aggregator);

    /**
     * Loads keyed records into an in-memory {@link KeyedTable} for a hash join, accounted against the
     * task's execution memory. When they do not fit, returns {@link TableBuild.Overflowed} with all of
     * them instead, and the caller falls back to {@link #aggregate}, which spills.
     */
    TableBuild buildTable(Iterator<Object> records, RecordShape<Object, Object, Object> shape);

    /**
     * The serialized bytes that reduce partition {@code partition} of a shuffle holds, or -1 when the
     * runtime does not know, for choosing which side of a join to hold in memory.
     */
    default long shuffleBytes(ShuffleDependency dependency, int partition) {
        return -1;
    }

    /** Wraps the records a source node produces, so the runtime can count task input. */
    default <T> Iterator<T> sourceRecords(Iterator<T> records) {
        return records;
    }

    /** Runs {@code action} when the task ends, successfully or not (e.g. to close a file). */
    void onCompletion(Runnable action);
}
