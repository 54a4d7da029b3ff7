package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.ExecutorRef;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * How workers join and leave. A worker that registers (again) is what it reports: executors it no longer runs are
 * removed, and after a master restart those it still runs, and its drivers, are taken over. A worker that is
 * removed takes its executors with it (their drivers are told) and its drivers are relaunched or in error. Call
 * with the registry's lock held; it never schedules: its callers do.
 */
final class WorkerLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were

    private final ClusterRegistry registry;
    private final ApplicationLifecycle applications;
    private final DriverLifecycle drivers;
    private final RecoveryCoordinator recovery;
    private final Executor offLock;

    /** @param offLock runs what must not run under the lock (closing connections) */
    WorkerLifecycle(ClusterRegistry registry, ApplicationLifecycle applications, DriverLifecycle drivers,
                    RecoveryCoordinator recovery, Executor offLock) {
        this.registry = registry;
        this.applications = applications;
        this.drivers = drivers;
        this.recovery = recovery;
        this.offLock = offLock;
    }

    /** Registers an alive worker reached through {@code client}, replacing one with its id. */
    WorkerInfo register(RegisterWorker register, Peer client) {
        WorkerInfo worker = new WorkerInfo(register.workerId(), register.host(), register.port(),
                register.webUiPort(), register.cores(), register.memoryMiB(), WorkerInfo.State.ALIVE);
        worker.client = client;
        WorkerInfo previous = registry.putWorker(worker);
        if (previous != null) {
            forgetUnreported(previous, register);
        }
        adoptReported(worker, register);
        recovery.workerRegistered(worker);
        LOG.info("Registered {} with {} cores and {} MiB{}", worker, worker.cores, worker.memoryMiB,
                previous == null ? "" : " (again)");
        return worker;
    }

    /** A worker registers again (it lost the master for a while): what it no longer reports has ended meanwhile. */
    private void forgetUnreported(WorkerInfo previous, RegisterWorker register) {
        Set<String> reported = new HashSet<>();
        for (ExecutorRef ref : register.executors()) {
            reported.add(ExecutorInfo.key(ref.appId(), ref.executorId()));
        }
        for (ExecutorInfo executor : new ArrayList<>(previous.executors.values())) {
            if (!reported.contains(executor.key())) {
                applications.removeExecutor(executor,
                        "it ended while its worker " + previous.id + " could not reach the master", false);
            }
        }
        previous.executors.clear();
    }

    /** Takes over the executors and drivers a worker reports it runs (after a master restart). */
    private void adoptReported(WorkerInfo worker, RegisterWorker register) {
        for (ExecutorRef ref : register.executors()) {
            ApplicationInfo app = registry.application(ref.appId());
            if (app == null || !app.isActive()) {
                continue; // the worker stops executors of applications the master does not know
            }
            ExecutorInfo executor = new ExecutorInfo(ref.appId(), ref.executorId(), worker, ref.cores(), ref.memoryMiB());
            executor.state = ExecutorInfo.State.RUNNING;
            worker.executors.put(executor.key(), executor);
            app.executors.put(executor.id, executor);
            app.nextExecutorId = Math.max(app.nextExecutorId, parseId(ref.executorId()) + 1);
            if (app.state == ApplicationInfo.State.WAITING && app.driver != null) {
                app.state = ApplicationInfo.State.RUNNING;
                app.reason = "";
            }
        }
        for (String driverId : register.drivers()) {
            DriverInfo driver = registry.driver(driverId);
            if (driver != null && driver.isActive()) {
                driver.runsOn(worker);
            }
        }
    }

    private static int parseId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Declares a worker dead: its executors are removed (their drivers told), its drivers relaunched or failed. */
    void remove(WorkerInfo worker, String reason) {
        LOG.warn("Removing {}: {}", worker, reason);
        worker.state = WorkerInfo.State.DEAD;
        for (ExecutorInfo executor : new ArrayList<>(worker.executors.values())) {
            applications.removeExecutor(executor, "its worker " + worker.id + " was lost: " + reason, false);
        }
        for (String driverId : new ArrayList<>(worker.drivers)) {
            DriverInfo driver = registry.driver(driverId);
            worker.drivers.remove(driverId);
            if (driver != null && driver.isActive()) {
                drivers.workerLost(driver, worker, reason);
            }
        }
        worker.driverCores = 0;
        worker.driverMemoryMiB = 0;
        if (worker.client != null) {
            offLock.execute(worker.client::close); // closing waits for the network thread, which may wait for the lock
        }
        registry.removeWorker(worker.id);
        recovery.workerRemoved(worker);
    }
}
