package dev.sluice.deploy.master;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link RecoveryStore} in maps, which outlives the masters that use it as a directory would. */
final class InMemoryRecoveryStore implements RecoveryStore {
    final Map<String, WorkerRecord> workers = new LinkedHashMap<>();
    final Map<String, ApplicationRecord> applications = new LinkedHashMap<>();
    final Map<String, DriverRecord> drivers = new LinkedHashMap<>();

    @Override
    public synchronized void putWorker(WorkerRecord worker) {
        workers.put(worker.id(), worker);
    }

    @Override
    public synchronized void removeWorker(String id) {
        workers.remove(id);
    }

    @Override
    public synchronized void putApplication(ApplicationRecord application) {
        applications.put(application.id(), application);
    }

    @Override
    public synchronized void removeApplication(String id) {
        applications.remove(id);
    }

    @Override
    public synchronized void putDriver(DriverRecord driver) {
        drivers.put(driver.id(), driver);
    }

    @Override
    public synchronized void removeDriver(String id) {
        drivers.remove(id);
    }

    @Override
    public synchronized Recovered read() {
        return new Recovered(new ArrayList<>(workers.values()), new ArrayList<>(applications.values()),
                new ArrayList<>(drivers.values()));
    }
}
