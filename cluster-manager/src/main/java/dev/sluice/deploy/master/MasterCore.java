package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.Kill;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.RequestDriverState;
import dev.sluice.deploy.DeployMessages.RequestWebUi;
import dev.sluice.deploy.DeployMessages.SubmitDriver;
import dev.sluice.deploy.DeployMessages.UnregisterApplication;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.MessageRoutes;
import dev.sluice.network.liveness.SilenceDetector;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The master without its network and timers: its parts wired together, as {@link Master} runs them and tests
 * drive them with fake workers and drivers. {@link #routes} takes every message the master answers or accepts;
 * {@link #views} shows its state; {@link #liveness} is checked periodically.
 *
 * <p>The parts depend one way: handlers → liveness → scheduler → lifecycles → recovery coordinator → registry.
 */
record MasterCore(ClusterRegistry registry, MessageRoutes routes, MasterViews views, Liveness liveness) {

    /** What the master's parts need from outside them. */
    record Environment(Peer.Connector connector, Executor offLock, Supplier<String> masterUrl, IntSupplier webUiPort,
                       LongSupplier nanoClock, Clock clock) {
    }

    /**
     * Wires a master's parts, with what {@code store} holds put back into the registry as recovering.
     *
     * @param environment {@code offLock} runs what must not run under the registry's lock or on a network thread
     */
    static MasterCore wire(MasterSettings settings, RecoveryStore store, Environment environment) {
        ClusterRegistry registry = new ClusterRegistry();
        RecoveryCoordinator recovery = new RecoveryCoordinator(store);
        recovery.restore(registry, settings.workerTimeout());
        ApplicationLifecycle applications = new ApplicationLifecycle(registry, recovery, environment.offLock(),
                settings.maxExecutorRetries());
        DriverLifecycle drivers = new DriverLifecycle(recovery);
        WorkerLifecycle workers = new WorkerLifecycle(registry, applications, drivers, recovery, environment.offLock());
        Scheduler scheduler = new Scheduler(registry, applications, settings.spreadOut());
        Liveness liveness = new Liveness(registry, new SilenceDetector<>(settings.workerTimeout(),
                settings.checkPeriod(), environment.nanoClock()), workers, applications, scheduler,
                environment.nanoClock());

        WorkerHandlers fromWorkers = new WorkerHandlers(registry, environment.connector(), workers, applications,
                drivers, liveness, scheduler, environment.masterUrl());
        ApplicationHandlers fromDrivers = new ApplicationHandlers(registry, environment.connector(), applications,
                recovery, scheduler, environment.offLock());
        CommandHandlers fromCommandLine = new CommandHandlers(registry, applications, drivers, recovery, scheduler,
                environment.webUiPort(), environment.clock());
        MessageRoutes routes = MessageRoutes.of("The master")
                .answer(RegisterWorker.class, fromWorkers::register)
                .answer(WorkerHeartbeat.class, fromWorkers::heartbeat)
                .accept(ExecutorExited.class, fromWorkers::executorExited)
                .accept(DriverExited.class, fromWorkers::driverExited)
                .answer(RegisterApplication.class, fromDrivers::register)
                .answer(UnregisterApplication.class, fromDrivers::unregister)
                .answer(SubmitDriver.class, fromCommandLine::submitDriver)
                .answer(Kill.class, fromCommandLine::kill)
                .answer(RequestDriverState.class, fromCommandLine::driverState)
                .answer(RequestWebUi.class, fromCommandLine::webUi)
                .build();
        return new MasterCore(registry, routes, new MasterViews(registry, environment.nanoClock()), liveness);
    }
}
