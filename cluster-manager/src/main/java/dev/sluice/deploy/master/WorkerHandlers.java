package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeatReply;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The master's handlers of what workers send: registrations, heartbeats, and the exits of the processes they run.
 * Each takes the registry's lock, changes state through the lifecycles, and schedules what the change allows.
 */
final class WorkerHandlers {
    private final ClusterRegistry registry;
    private final Peer.Connector connector;
    private final WorkerLifecycle workers;
    private final ApplicationLifecycle applications;
    private final DriverLifecycle drivers;
    private final Liveness liveness;
    private final Scheduler scheduler;
    private final Supplier<String> masterUrl;

    /** @param masterUrl the master's address, as a registered worker is told it */
    WorkerHandlers(ClusterRegistry registry, Peer.Connector connector, WorkerLifecycle workers,
                   ApplicationLifecycle applications, DriverLifecycle drivers, Liveness liveness, Scheduler scheduler,
                   Supplier<String> masterUrl) {
        this.registry = registry;
        this.connector = connector;
        this.workers = workers;
        this.applications = applications;
        this.drivers = drivers;
        this.liveness = liveness;
        this.scheduler = scheduler;
        this.masterUrl = masterUrl;
    }

    /**
     * Registers a worker once the master could connect back to it (a worker that advertises an address the
     * master cannot reach is refused); answers with the applications and drivers it knows, so the worker stops
     * the others.
     */
    CompletableFuture<WorkerRegistered> register(RegisterWorker register) {
        synchronized (registry) {
            WorkerInfo known = registry.worker(register.workerId());
            if (known != null && known.isAlive()
                    && !(known.host.equals(register.host()) && known.port == register.port())) {
                return CompletableFuture.failedFuture(new IllegalStateException("A worker with id "
                        + register.workerId() + " is registered already, at " + known.host + ":" + known.port));
            }
        }
        return connector.connect(register.host(), register.port()).thenApply(client -> {
            synchronized (registry) {
                WorkerInfo worker = workers.register(register, client);
                liveness.watch(worker);
                List<String> apps = registry.activeApplicationIds();
                List<String> live = registry.activeDriverIds();
                scheduler.schedule();
                return new WorkerRegistered(masterUrl.get(), apps.toArray(String[]::new), live.toArray(String[]::new));
            }
        });
    }

    CompletableFuture<WorkerHeartbeatReply> heartbeat(WorkerHeartbeat heartbeat) {
        return CompletableFuture.completedFuture(new WorkerHeartbeatReply(liveness.heard(heartbeat.workerId())));
    }

    /** An executor's process exited: it is removed (a failure if its exit code is not 0) and may be replaced. */
    void executorExited(ExecutorExited exited) {
        synchronized (registry) {
            WorkerInfo worker = registry.worker(exited.workerId());
            ExecutorInfo executor = worker == null ? null
                    : worker.executors.get(ExecutorInfo.key(exited.appId(), exited.executorId()));
            if (executor == null) {
                return;
            }
            String reason = "its process on worker " + worker.id + " exited with code " + exited.exitCode()
                    + (exited.reason().isEmpty() ? "" : ": " + exited.reason());
            applications.removeExecutor(executor, reason, exited.exitCode() != 0);
            scheduler.schedule();
        }
    }

    /** A driver's process exited on the worker the master launched it on. */
    void driverExited(DriverExited exited) {
        synchronized (registry) {
            DriverInfo driver = registry.driver(exited.driverId());
            if (driver == null || driver.worker == null || !driver.worker.id.equals(exited.workerId())) {
                return;
            }
            drivers.exited(driver, exited);
            scheduler.schedule();
        }
    }
}
