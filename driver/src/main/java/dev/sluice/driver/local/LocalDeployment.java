package dev.sluice.driver.local;

import dev.sluice.driver.Deployment;
import dev.sluice.driver.scheduler.SchedulerBackend;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.executor.task.TaskRunner;

/** Local mode: one executor inside the driver's JVM, its tasks on a pool of {@code threads} threads. */
public final class LocalDeployment implements Deployment {
    private final int threads;
    private final ExecutorEnvironment executor;
    private final LocalBackend backend;

    public LocalDeployment(String appId, int threads, ExecutorEnvironment executor) {
        this.threads = threads;
        this.executor = executor;
        this.backend = new LocalBackend(appId, threads, new TaskRunner(executor.services()));
    }

    @Override
    public SchedulerBackend backend() {
        return backend;
    }

    @Override
    public int defaultParallelism() {
        return threads;
    }

    @Override
    public void unpersist(int nodeId) {
        executor.services().blocks().removeNode(nodeId);
    }

    @Override
    public void removeShuffle(int shuffleId) {
        executor.services().dirs().removeShuffle(shuffleId);
    }

    @Override
    public void close() {
        backend.close();
        executor.close();
    }
}
