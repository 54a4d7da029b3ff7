package dev.sluice.deploy.master;

import dev.sluice.network.message.MessageClient;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The master's mutable record of a worker; guarded by the master's lock. */
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
    MessageClient client;
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

    @Override
    public String toString() {
        return "worker " + id + " (" + host + ":" + port + ")";
    }
}
