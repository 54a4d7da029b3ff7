package dev.sluice.driver;

import dev.sluice.driver.scheduler.SchedulerBackend;

/**
 * Where a {@link DriverRuntime}'s tasks run and its blocks live: task threads in this JVM (local mode)
 * or executor processes (the cluster modes). The runtime plans and schedules; the deployment runs
 * tasks and cleans up the data they leave behind.
 */
public interface Deployment extends AutoCloseable {

    /** Runs the scheduler's tasks. */
    SchedulerBackend backend();

    /** Partitions of shuffles and parallelize() when the user sets none: the number of task slots. */
    int defaultParallelism();

    /** Drops the cached blocks of a dataset node everywhere. */
    void unpersist(int nodeId);

    /** Deletes a shuffle's files everywhere. */
    void removeShuffle(int shuffleId);

    /** Stops the backend and deletes every directory the deployment created. */
    @Override
    void close();
}
