package dev.sluice.deploy.master;

import dev.sluice.deploy.master.RecoveryStore.ApplicationRecord;
import dev.sluice.deploy.master.RecoveryStore.DriverRecord;
import dev.sluice.deploy.master.RecoveryStore.Recovered;
import dev.sluice.deploy.master.RecoveryStore.WorkerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Keeps the master's {@link RecoveryStore} in step with what is active (a worker from its registration to its
 * removal, an application from its registration to its end, a driver from its submission to its end), and after a
 * restart puts what the store holds back into the registry as {@code RECOVERING}, for the workers and drivers to
 * claim when they register again. What does not come back in time is the {@link Liveness}'s business.
 */
final class RecoveryCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final RecoveryStore store;

    RecoveryCoordinator(RecoveryStore store) {
        this.store = store;
    }

    /** Puts what the store holds into an empty {@code registry}, as recovering. */
    void restore(ClusterRegistry registry, Duration workerTimeout) {
        Recovered recovered = store.read();
        if (recovered.isEmpty()) {
            return;
        }
        for (WorkerRecord w : recovered.workers()) {
            registry.putWorker(WorkerInfo.recovered(w));
        }
        for (ApplicationRecord a : recovered.applications()) {
            registry.addApplication(ApplicationInfo.recovered(a));
        }
        for (DriverRecord d : recovered.drivers()) {
            registry.addDriver(DriverInfo.recovered(d));
            registry.numberDriver();
        }
        LOG.info("Recovered {} workers, {} applications and {} drivers; waiting up to {} for them to come back",
                registry.workers().size(), registry.applications().size(), registry.drivers().size(), workerTimeout);
    }

    void workerRegistered(WorkerInfo worker) {
        store.putWorker(worker.record());
    }

    void workerRemoved(WorkerInfo worker) {
        store.removeWorker(worker.id);
    }

    void applicationRegistered(ApplicationInfo app) {
        store.putApplication(app.record());
    }

    void applicationEnded(ApplicationInfo app) {
        store.removeApplication(app.id);
    }

    void driverSubmitted(DriverInfo driver) {
        store.putDriver(driver.record());
    }

    void driverEnded(DriverInfo driver) {
        store.removeDriver(driver.id);
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
