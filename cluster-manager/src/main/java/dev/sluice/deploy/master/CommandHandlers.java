package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.DriverState;
import dev.sluice.deploy.DeployMessages.DriverSubmitted;
import dev.sluice.deploy.DeployMessages.Kill;
import dev.sluice.deploy.DeployMessages.KillDriver;
import dev.sluice.deploy.DeployMessages.RequestDriverState;
import dev.sluice.deploy.DeployMessages.RequestWebUi;
import dev.sluice.deploy.DeployMessages.SubmitDriver;
import dev.sluice.deploy.DeployMessages.WebUi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * The master's handlers of what the command line sends: a driver submitted in cluster deploy mode, a kill of an
 * application or a driver, a driver's state, and where the JSON state is served. Each takes the registry's lock.
 */
final class CommandHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ClusterRegistry registry;
    private final ApplicationLifecycle applications;
    private final DriverLifecycle drivers;
    private final RecoveryCoordinator recovery;
    private final Scheduler scheduler;
    private final IntSupplier webUiPort;
    private final Clock clock;

    /**
     * @param webUiPort the port of the master's JSON state
     * @param clock the wall clock that names and dates submitted drivers
     */
    CommandHandlers(ClusterRegistry registry, ApplicationLifecycle applications, DriverLifecycle drivers,
                    RecoveryCoordinator recovery, Scheduler scheduler, IntSupplier webUiPort, Clock clock) {
        this.registry = registry;
        this.applications = applications;
        this.drivers = drivers;
        this.recovery = recovery;
        this.scheduler = scheduler;
        this.webUiPort = webUiPort;
        this.clock = clock;
    }

    /** Accepts a driver (unless no worker could ever run it) and launches it when a worker has room. */
    CompletableFuture<DriverSubmitted> submitDriver(SubmitDriver submit) {
        synchronized (registry) {
            String problem = scheduler.whyNever(submit.description().cores(), submit.description().memoryMiB(),
                    "the driver");
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            String id = "driver-" + LocalDateTime.now(clock).format(ID_TIME) + "-"
                    + String.format("%04d", registry.numberDriver());
            DriverInfo driver = new DriverInfo(id, submit.description(), clock.millis());
            registry.addDriver(driver);
            recovery.driverSubmitted(driver);
            LOG.info("Submitted {}", driver);
            scheduler.schedule();
            return CompletableFuture.completedFuture(new DriverSubmitted(id));
        }
    }

    /** Kills an application, or a driver (through its worker if it runs); an error names an unknown id. */
    CompletableFuture<Ack> kill(Kill kill) {
        synchronized (registry) {
            return CompletableFuture.completedFuture(killLocked(kill.id()));
        }
    }

    private Ack killLocked(String id) {
        ApplicationInfo app = registry.application(id);
        if (app != null) {
            if (!app.isActive()) {
                return new Ack(id + " has ended already (" + app.state + ")");
            }
            applications.end(app, ApplicationInfo.State.KILLED, "killed by a user");
            scheduler.schedule();
            return new Ack("killed " + id);
        }
        DriverInfo driver = registry.driver(id);
        if (driver != null) {
            if (!driver.isActive()) {
                return new Ack(id + " has ended already (" + driver.state + ")");
            }
            if (driver.worker != null) {
                driver.worker.client.tell(new KillDriver(id));
                driver.reason = "being killed";
            } else {
                drivers.end(driver, DriverInfo.State.KILLED, null, "killed before it was launched");
            }
            return new Ack("killing " + id);
        }
        throw new IllegalArgumentException("The master knows no application or driver " + id);
    }

    /** A driver's state, exit code and reason; an error names an unknown id. */
    CompletableFuture<DriverState> driverState(RequestDriverState request) {
        synchronized (registry) {
            DriverInfo driver = registry.driver(request.driverId());
            if (driver == null) {
                throw new IllegalArgumentException("The master knows no driver " + request.driverId());
            }
            return CompletableFuture.completedFuture(new DriverState(driver.state.name(),
                    driver.exitCode == null ? -1 : driver.exitCode, driver.reason));
        }
    }

    CompletableFuture<WebUi> webUi(RequestWebUi request) {
        return CompletableFuture.completedFuture(new WebUi(webUiPort.getAsInt()));
    }
}
