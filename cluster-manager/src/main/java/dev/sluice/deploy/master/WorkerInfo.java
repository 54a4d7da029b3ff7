package dev.sluice.deploy.master;

import dev.sluice.deploy.master.RecoveryStore.WorkerRecord;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The master's mutable record of a worker; guarded by the registry's lock. */
final class WorkerInfo {
    enum State { ALIVE, RECOVERING, DEAD }

    final String id;
    final String host;
    final int port;
    final int webUiPort;
    final int cores;
    final long memoryMiB;
    State state;
    long lastHeartbeat;
    Peer client;
    /** Executors by "appId/executorId". */
    final Map<String, ExecutorInfo> executors = new LinkedHashMap<>();
    final Set<String> drivers = new LinkedHashSet<>();
    int driverCores;
    long driverMemoryMiB;

    WorkerInfo(String id, String host, int port, int webUiPort, int cores, long memoryMiB, State state) {
        this.id = id;
        this.host = host;
        this.port = port;
        this.webUiPort = webUiPort;
        this.cores = cores;
        this.memoryMiB = memoryMiB;
        this.state = state;
        this.lastHeartbeat = System.nanoTime();
    }

    /** A worker known from the recovery store, until it registers again. */
    static WorkerInfo recovered(WorkerRecord w) {
        return new WorkerInfo(w.id(), w.host(), w.port(), w.webUiPort(), w.cores(), w.memoryMiB(), State.RECOVERING);
    }

    /** What the recovery store keeps of it. */
    WorkerRecord record() {
        return new WorkerRecord(id, host, port, webUiPort, cores, memoryMiB);
    }

    boolean isAlive() {
        return state == State.ALIVE;
    }

    /** Reserves the driver's cores and memory here. */
    void addDriver(DriverInfo driver) {
        drivers.add(driver.id);
        driverCores += driver.description.cores();
        driverMemoryMiB += driver.description.memoryMiB();
    }

    /** Frees the driver's cores and memory, if it runs here. */
    void removeDriver(DriverInfo driver) {
        if (drivers.remove(driver.id)) {
            driverCores -= driver.description.cores();
            driverMemoryMiB -= driver.description.memoryMiB();
        }
    }

    int coresUsed() {
        return driverCores + executors.values().stream().mapToInt(e -> e.cores).sum();
    }

    long memoryUsedMiB() {
        return driverMemoryMiB + executors.values().stream().mapToLong(e -> e.memoryMiB).sum();
    }

    int freeCores() {
        return cores - coresUsed();
    }

    long freeMemoryMiB() {
        return memoryMiB - memoryUsedMiB();
    }

    /** "id: 1/4 cores, 512/8192 MiB free", for the reason an application waits. */
    String describeFree() {
        return id + ": " + freeCores() + '/' + cores + " cores, " + freeMemoryMiB() + '/' + memoryMiB + " MiB free";
    }

    @Override
    public String toString() {
        return "worker " + id + " (" + host + ":" + port + ")";
    }
}
