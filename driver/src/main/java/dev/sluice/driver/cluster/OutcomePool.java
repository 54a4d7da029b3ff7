package dev.sluice.driver.cluster;

import dev.sluice.common.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The threads that hand task outcomes (and executor-loss notices) to the scheduler for the {@link ClusterBackend}:
 * never under the backend's lock or on a network thread, since the scheduler may fetch and deserialize a large
 * result, and may call the backend back. Once shut down, nobody waits for an outcome any more: later ones are
 * dropped.
 */
final class OutcomePool {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomePool.class);

    private final ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.numbered("sluice-task-outcomes-"));

    /** Runs {@code action} on the pool; dropped after {@link #shutdown()}. */
    void deliver(Runnable action) {
        try {
            threads.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped a task outcome after close");
        }
    }

    /** Runs what was delivered already, waiting up to 10 s for it, and drops what comes later. */
    void shutdown() {
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
