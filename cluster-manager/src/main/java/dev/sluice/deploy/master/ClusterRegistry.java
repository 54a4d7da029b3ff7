package dev.sluice.deploy.master;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the master knows: its workers, applications and drivers in the order they came, and how many drivers it
 * has numbered. State only: the lifecycles and the scheduler change it. This object's lock guards it and every
 * record in it; whoever reads or changes them holds it.
 */
final class ClusterRegistry {
    private final Map<String, WorkerInfo> workers = new LinkedHashMap<>();
    private final Map<String, ApplicationInfo> applications = new LinkedHashMap<>();
    private final Map<String, DriverInfo> drivers = new LinkedHashMap<>();
    private int driversNumbered;
    private volatile boolean closed;

    WorkerInfo worker(String id) {
        return workers.get(id);
    }

    /** Adds a worker, or replaces the one with its id; returns the replaced one, or null. */
    WorkerInfo putWorker(WorkerInfo worker) {
        return workers.put(worker.id, worker);
    }

    void removeWorker(String id) {
        workers.remove(id);
    }

    /** Every worker, alive or not; a live view: copy it to change the registry while going through it. */
    Collection<WorkerInfo> workers() {
        return workers.values();
    }

    List<WorkerInfo> aliveWorkers() {
        return new ArrayList<>(workers.values().stream().filter(WorkerInfo::isAlive).toList());
    }

    ApplicationInfo application(String id) {
        return applications.get(id);
    }

    void addApplication(ApplicationInfo app) {
        applications.put(app.id, app);
    }

    /** Every application, ended ones too; a live view. */
    Collection<ApplicationInfo> applications() {
        return applications.values();
    }

    List<String> activeApplicationIds() {
        return applications.values().stream().filter(ApplicationInfo::isActive).map(a -> a.id).toList();
    }

    DriverInfo driver(String id) {
        return drivers.get(id);
    }

    void addDriver(DriverInfo driver) {
        drivers.put(driver.id, driver);
    }

    /** Every driver, ended ones too; a live view. */
    Collection<DriverInfo> drivers() {
        return drivers.values();
    }

    List<String> activeDriverIds() {
        return drivers.values().stream().filter(DriverInfo::isActive).map(d -> d.id).toList();
    }

    /** Numbers a new driver: 0, 1, 2... over this master's life, counting recovered drivers too. */
    int numberDriver() {
        return driversNumbered++;
    }

    /** How many drivers were numbered. */
    int driversNumbered() {
        return driversNumbered;
    }

    /** Whether a worker, application or driver recovered after a restart has not come back yet. */
    boolean anyRecovering() {
        return workers.values().stream().anyMatch(w -> w.state == WorkerInfo.State.RECOVERING)
                || applications.values().stream().anyMatch(a -> a.state == ApplicationInfo.State.RECOVERING)
                || drivers.values().stream().anyMatch(d -> d.state == DriverInfo.State.RECOVERING);
    }

    /** The master stopped: nothing is scheduled or ended any more (workers and drivers go on without it). */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
