package dev.sluice.deploy.master;

import dev.sluice.network.liveness.SilenceDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.function.LongSupplier;

/**
 * Declares gone what the master has not heard from in time: a worker silent for longer than
 * {@code sluice.worker.timeout} (its heartbeats go to {@link #heard}), and, once that timeout has passed after a
 * restart, the workers and applications recovered from the store that did not register again; recovered drivers
 * that no worker reported are launched again. {@link #check} runs every {@link MasterSettings#checkPeriod()}.
 */
final class Liveness {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were

    private final ClusterRegistry registry;
    private final SilenceDetector<String> silence;
    private final WorkerLifecycle workers;
    private final ApplicationLifecycle applications;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final long recoveryDeadline;

    /**
     * @param silence watches the alive workers; its clock is {@code nanoClock}
     * @param nanoClock a {@link System#nanoTime()}-like clock
     */
    Liveness(ClusterRegistry registry, SilenceDetector<String> silence, WorkerLifecycle workers,
             ApplicationLifecycle applications, Scheduler scheduler, LongSupplier nanoClock) {
        this.registry = registry;
        this.silence = silence;
        this.workers = workers;
        this.applications = applications;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.recoveryDeadline = nanoClock.getAsLong() + timeout().toNanos();
    }

    private Duration timeout() {
        return silence.timeout();
    }

    /** Starts watching a worker that registered. */
    void watch(WorkerInfo worker) {
        silence.start(worker.id);
    }

    /** A worker's heartbeat; false if the master does not know it as alive (it should register again). */
    boolean heard(String workerId) {
        synchronized (registry) {
            WorkerInfo worker = registry.worker(workerId);
            if (worker == null || !worker.isAlive()) {
                return false;
            }
            worker.lastHeartbeat = nanoClock.getAsLong();
            silence.heard(workerId);
            return true;
        }
    }

    /** Removes silent workers and, after the recovery deadline, what did not come back. */
    void check() {
        synchronized (registry) {
            long now = nanoClock.getAsLong();
            for (String workerId : silence.silentPeers()) {
                WorkerInfo worker = registry.worker(workerId);
                silence.forget(workerId);
                if (worker != null && worker.isAlive()) {
                    workers.remove(worker, "no heartbeat for " + timeout().toMillis() + " ms (sluice.worker.timeout)");
                    scheduler.schedule();
                }
            }
            if (now > recoveryDeadline && registry.anyRecovering()) {
                finishRecovery();
            }
        }
    }

    /** Forgets what did not come back within the worker timeout of a recovery. */
    private void finishRecovery() {
        for (WorkerInfo worker : new ArrayList<>(registry.workers())) {
            if (worker.state == WorkerInfo.State.RECOVERING) {
                workers.remove(worker, "it did not register again within " + timeout() + " of the master's restart");
                scheduler.schedule();
            }
        }
        for (ApplicationInfo app : new ArrayList<>(registry.applications())) {
            if (app.state == ApplicationInfo.State.RECOVERING) {
                applications.end(app, ApplicationInfo.State.FAILED, "its driver did not register again within "
                        + timeout() + " of the master's restart");
            }
        }
        for (DriverInfo driver : registry.drivers()) {
            if (driver.state == DriverInfo.State.RECOVERING) {
                LOG.warn("{} was not running on any worker after the restart; launching it again", driver);
                driver.state = DriverInfo.State.SUBMITTED;
            }
        }
        scheduler.schedule();
    }
}
