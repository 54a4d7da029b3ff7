package dev.sluice.spi;

import dev.sluice.Sluice;

import dev.sluice.plan.ExecutionPlan;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * An engine that runs jobs over a lineage: the local runtime in one JVM, or a driver with remote
 * executors. One per {@code Sluice} context; found through {@link RuntimeProvider}.
 */
public interface Runtime extends AutoCloseable {

    /** Partitions used when the user does not say how many. */
    int defaultParallelism();

    /**
     * Runs {@code function} over the given partitions of {@code node} and returns the results in
     * the order of {@code partitions}. Blocks until the job ends; an interrupt cancels the job.
     */
    <T, U> List<U> runJob(Node<T> node, int[] partitions, PartitionFunction<T, U> function);

    /** The stages a job over {@code node} would run: operators, partition counts, shuffles, caching. */
    ExecutionPlan explain(Node<?> node);

    /** Drops the cached blocks of a node (its storage level is already NONE). */
    void unpersist(Node<?> node);

    /** Deletes a shuffle's outputs; called when no dataset can read them any more. */
    void removeShuffle(int shuffleId);

    /** Where the runtime's meters are registered. */
    MeterRegistry meterRegistry();

    /** Cancels running jobs, stops threads and deletes temporary files. */
    @Override
    void close();
}
