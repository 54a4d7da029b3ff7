package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.ApplicationRegistered;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.DeployMessages.UnregisterApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The master's handlers of what drivers send: an application registers (again, after a master restart) and
 * unregisters; an application whose driver's connection closes is finished. Each takes the registry's lock.
 */
final class ApplicationHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were

    private final ClusterRegistry registry;
    private final Peer.Connector connector;
    private final ApplicationLifecycle applications;
    private final RecoveryCoordinator recovery;
    private final Scheduler scheduler;
    private final Executor offLock;

    /** @param offLock runs what must not run on a network thread (the end of a disconnected driver's application) */
    ApplicationHandlers(ClusterRegistry registry, Peer.Connector connector, ApplicationLifecycle applications,
                        RecoveryCoordinator recovery, Scheduler scheduler, Executor offLock) {
        this.registry = registry;
        this.connector = connector;
        this.applications = applications;
        this.recovery = recovery;
        this.scheduler = scheduler;
        this.offLock = offLock;
    }

    /**
     * Registers an application once the master could connect to its driver; a driver registering again (after a
     * master restart) takes its recovered application back.
     */
    CompletableFuture<ApplicationRegistered> register(RegisterApplication register) {
        String problem;
        synchronized (registry) {
            problem = scheduler.whyNever(register.coresPerExecutor(), register.memoryPerExecutorMiB(), "an executor");
            ApplicationInfo known = registry.application(register.appId());
            if (register.again() && (known == null || !known.isActive())) {
                problem = "the master does not know application " + register.appId() + " (it restarted without "
                        + "sluice.recovery.mode=FILESYSTEM, or the application ended)";
            } else if (!register.again() && known != null) {
                problem = "an application with id " + register.appId() + " is registered already";
            }
        }
        if (problem != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
        }
        return connector.connect(register.driverHost(), register.driverPort()).thenApply(driver -> {
            synchronized (registry) {
                ApplicationInfo app = registry.application(register.appId());
                if (app == null) {
                    app = new ApplicationInfo(register.appId(), register, System.currentTimeMillis());
                    registry.addApplication(app);
                    recovery.applicationRegistered(app);
                    LOG.info("Registered {} asking for {} cores per executor, {} MiB each, at most {} cores", app,
                            register.coresPerExecutor() == 0 ? "all" : register.coresPerExecutor(),
                            register.memoryPerExecutorMiB(), register.maxCores() == 0 ? "all" : register.maxCores());
                } else {
                    LOG.info("{} registered again with {} executors", app, register.executors().length);
                }
                app.driver = driver;
                app.state = app.executors.isEmpty() ? ApplicationInfo.State.WAITING : ApplicationInfo.State.RUNNING;
                ApplicationInfo registered = app;
                driver.closed().whenCompleteAsync((done, error) -> driverDisconnected(registered, driver), offLock);
                scheduler.schedule();
                return new ApplicationRegistered(app.id);
            }
        });
    }

    /** The driver is done: its application finished. */
    CompletableFuture<Ack> unregister(UnregisterApplication unregister) {
        synchronized (registry) {
            ApplicationInfo app = registry.application(unregister.appId());
            if (app != null && app.isActive()) {
                applications.end(app, ApplicationInfo.State.FINISHED, "its driver finished");
                scheduler.schedule();
            }
        }
        return CompletableFuture.completedFuture(new Ack("unregistered"));
    }

    private void driverDisconnected(ApplicationInfo app, Peer driver) {
        synchronized (registry) {
            if (app.isActive() && app.driver == driver && !registry.isClosed()) {
                applications.end(app, ApplicationInfo.State.FINISHED, "its driver disconnected");
                scheduler.schedule();
            }
        }
    }
}
