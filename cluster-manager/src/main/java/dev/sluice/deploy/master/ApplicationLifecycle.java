package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.ApplicationEnded;
import dev.sluice.deploy.DeployMessages.ApplicationKilled;
import dev.sluice.deploy.DeployMessages.ExecutorRemoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * How applications lose executors and end: the registry changes, the driver and the workers concerned are told,
 * and the recovery store forgets an ended application. An application whose executors keep failing is ended.
 * Call with the registry's lock held; it never schedules: its callers do once their change is complete.
 */
final class ApplicationLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were

    private final ClusterRegistry registry;
    private final RecoveryCoordinator recovery;
    private final Executor offLock;
    private final int maxExecutorRetries;

    /**
     * @param offLock runs what must not run under the lock (closing connections)
     * @param maxExecutorRetries how many executors may fail in a row before the application is ended
     */
    ApplicationLifecycle(ClusterRegistry registry, RecoveryCoordinator recovery, Executor offLock,
                         int maxExecutorRetries) {
        this.registry = registry;
        this.recovery = recovery;
        this.offLock = offLock;
        this.maxExecutorRetries = maxExecutorRetries;
    }

    /** Ends {@code app}: its driver is told unless it finished, its executors stopped, every worker told. */
    void end(ApplicationInfo app, ApplicationInfo.State state, String reason) {
        LOG.info("{} {}: {}", app, state.name().toLowerCase(Locale.ROOT), reason);
        app.state = state;
        app.reason = reason;
        app.endTime = System.currentTimeMillis();
        if (state != ApplicationInfo.State.FINISHED && app.driver != null) {
            app.driver.tell(new ApplicationKilled(reason));
        }
        for (ExecutorInfo executor : new ArrayList<>(app.executors.values())) {
            executor.worker.executors.remove(executor.key());
            executor.state = ExecutorInfo.State.STOPPED;
        }
        app.executors.clear();
        for (WorkerInfo worker : registry.workers()) {
            if (worker.isAlive() && worker.client != null) {
                worker.client.tell(new ApplicationEnded(app.id));
            }
        }
        if (app.driver != null) {
            offLock.execute(app.driver::close); // closing waits for the network thread, which may wait for the lock
        }
        recovery.applicationEnded(app);
    }

    /**
     * Removes an executor from its worker and application and tells the driver; {@code failed} counts it towards
     * the failures in a row that end the application.
     */
    void removeExecutor(ExecutorInfo executor, String reason, boolean failed) {
        executor.worker.executors.remove(executor.key());
        executor.state = ExecutorInfo.State.EXITED;
        ApplicationInfo app = registry.application(executor.appId);
        if (app == null || app.executors.remove(executor.id) == null || !app.isActive()) {
            return;
        }
        LOG.warn("Executor {} of {} removed: {}", executor.id, app, reason);
        if (app.driver != null) {
            app.driver.tell(new ExecutorRemoved(executor.id, reason));
        }
        if (failed) {
            app.failedExecutorsInRow++;
            if (app.failedExecutorsInRow > maxExecutorRetries && app.executors.isEmpty()) {
                end(app, ApplicationInfo.State.FAILED, app.failedExecutorsInRow + " executors failed in a "
                        + "row (sluice.deploy.maxExecutorRetries=" + maxExecutorRetries + "); the last: " + reason);
                return;
            }
        }
        if (app.executors.isEmpty()) {
            app.state = ApplicationInfo.State.WAITING;
        }
    }
}
