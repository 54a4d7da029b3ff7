package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverExited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * How cluster-mode drivers leave their workers and end: a driver that exits is finished, killed, failed or (when
 * supervised) relaunched; one whose worker is lost is relaunched or in error. The recovery store forgets an ended
 * driver. Call with the registry's lock held; it never schedules: its callers do.
 */
final class DriverLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were

    private final RecoveryCoordinator recovery;

    DriverLifecycle(RecoveryCoordinator recovery) {
        this.recovery = recovery;
    }

    /** The driver's process exited, as its worker reports. */
    void exited(DriverInfo driver, DriverExited exited) {
        release(driver);
        if (exited.killed()) {
            end(driver, DriverInfo.State.KILLED, exited.exitCode(), "killed");
        } else if (exited.exitCode() == 0) {
            end(driver, DriverInfo.State.FINISHED, 0, "");
        } else if (driver.description.supervise()) {
            LOG.warn("{} exited with code {}; relaunching it (supervised)", driver, exited.exitCode());
            driver.state = DriverInfo.State.RELAUNCHING;
            driver.exitCode = exited.exitCode();
            driver.reason = "exited with code " + exited.exitCode() + "; relaunching (supervised)";
        } else {
            end(driver, DriverInfo.State.FAILED, exited.exitCode(), exited.reason());
        }
    }

    /** The driver's worker was lost (its reservation there is dropped by the caller). */
    void workerLost(DriverInfo driver, WorkerInfo worker, String reason) {
        driver.worker = null;
        if (driver.description.supervise()) {
            driver.state = DriverInfo.State.RELAUNCHING;
            driver.reason = "its worker " + worker.id + " was lost; relaunching (supervised)";
        } else {
            end(driver, DriverInfo.State.ERROR, null, "its worker " + worker.id + " was lost: " + reason);
        }
    }

    /** Frees the driver's cores and memory on its worker. */
    void release(DriverInfo driver) {
        if (driver.worker != null) {
            driver.worker.removeDriver(driver);
        }
        driver.worker = null;
    }

    /** Ends the driver in {@code state}. */
    void end(DriverInfo driver, DriverInfo.State state, Integer exitCode, String reason) {
        driver.state = state;
        driver.exitCode = exitCode;
        driver.reason = reason;
        recovery.driverEnded(driver);
        LOG.info("{} {}{}", driver, state.name().toLowerCase(Locale.ROOT), reason.isEmpty() ? "" : ": " + reason);
    }
}
