package dev.sluice.dist.chaos;

import dev.sluice.dist.Cluster;
import dev.sluice.dist.NetworkHosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A master and three one-core workers started from the distribution, either on loopback or each on a host of
 * its own ({@link NetworkHosts}: master on host 1, workers on hosts 2–4, the driver on host 5), with the short
 * timeouts of {@link ChaosSettings}. It remembers every executor process it has seen, so that leftovers of
 * killed workers are found too. {@link #close()} stops everything and deletes the namespaces.
 */
public final class ChaosCluster implements AutoCloseable {
    /** Workers per cluster, one core each. */
    public static final int WORKERS = 3;
    private static final int DRIVER_HOST = 5;

    /** A worker: its process, work directory, and host (null namespace and host 0 on loopback). */
    public record Worker(Process process, Path workDir, String namespace, int host) {
    }

    private final Cluster cluster;
    private final NetworkHosts hosts;
    private final ChaosSettings settings;
    private final Cluster.Master master;
    private final List<Worker> workers = new ArrayList<>();
    private final Set<ProcessHandle> seenExecutors = ConcurrentHashMap.newKeySet();

    private ChaosCluster(Path dir, NetworkHosts hosts, ChaosSettings settings) throws IOException, InterruptedException {
        this.hosts = hosts;
        this.settings = settings;
        String timeout = settings.heartbeatTimeout().toMillis() + "ms";
        this.cluster = new Cluster(dir, "sluice.worker.timeout=" + timeout, "sluice.executor.heartbeatTimeout=" + timeout)
                .workerMemory(settings.workerMemory()).environment("SLUICE_DRIVER_MEMORY", settings.driverMemory());
        try {
            if (hosts == null) {
                master = cluster.startMaster();
            } else {
                master = cluster.startMasterIn(hosts.host(1), "--host", NetworkHosts.SUBNET + 1);
            }
            for (int i = 0; i < WORKERS; i++) {
                int host = hosts == null ? 0 : i + 2;
                String namespace = hosts == null ? null : hosts.host(host);
                Process process = hosts == null ? cluster.startWorker(master.url(), 1)
                        : cluster.startWorkerIn(namespace, master.url(), 1, "--host", NetworkHosts.SUBNET + host);
                workers.add(new Worker(process, cluster.workDirOf(process), namespace, host));
            }
            if (hosts != null) {
                hosts.host(DRIVER_HOST);
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** A cluster on loopback, its files under {@code dir}. */
    public static ChaosCluster onLoopback(Path dir, ChaosSettings settings) throws IOException, InterruptedException {
        return new ChaosCluster(dir, null, settings);
    }

    /** A cluster on network namespaces of its own (needs root and iproute2), its files under {@code dir}. */
    public static ChaosCluster onHosts(Path dir, ChaosSettings settings) throws IOException, InterruptedException {
        return new ChaosCluster(dir, new NetworkHosts(dir), settings);
    }

    /** The namespaces, or null on loopback. */
    public NetworkHosts hosts() {
        return hosts;
    }

    /** Every worker started, dead ones included. */
    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** The workers whose process is alive. */
    public List<Worker> liveWorkers() {
        return workers.stream().filter(w -> w.process().isAlive()).toList();
    }

    /** The executor processes alive now (children of live workers running {@code ExecutorMain}). */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (Worker worker : liveWorkers()) {
            worker.process().descendants().filter(ChaosCluster::isExecutor).forEach(executors::add);
        }
        seenExecutors.addAll(executors);
        return executors;
    }

    /** Every executor process seen so far by {@link #executors()} that is still alive. */
    public List<ProcessHandle> liveSeenExecutors() {
        executors();
        return seenExecutors.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static boolean isExecutor(ProcessHandle process) {
        return process.info().commandLine().map(c -> c.contains("dev.sluice.executor.cluster.ExecutorMain")).orElse(false);
    }

    /**
     * Submits {@code mainClass} of {@code appJar} with {@code args} in client mode (on the driver's host when on
     * namespaces), its local directory {@code localDir}.
     */
    public Process submit(Path appJar, String mainClass, Path localDir, List<String> args) throws IOException {
        Files.createDirectories(localDir);
        List<String> command = new ArrayList<>(List.of("submit", "--master", master.url(), "--executor-cores", "1",
                "--executor-memory", settings.executorMemory(), "--name", "chaos", "--conf",
                "sluice.local.dir=" + localDir,
                // as many partitions whether one or three executors have registered, so task launches compare
                "--conf", "sluice.default.parallelism=" + WORKERS));
        if (hosts != null) {
            command.addAll(List.of("--conf", "sluice.network.bindHost=" + NetworkHosts.SUBNET + DRIVER_HOST));
        }
        command.addAll(List.of("--class", mainClass, appJar.toString()));
        command.addAll(args);
        return cluster.start(hosts == null ? null : hosts.namespace(DRIVER_HOST), command);
    }

    /** The underlying cluster (logs, state). */
    public Cluster cluster() {
        return cluster;
    }

    /** The master's URL. */
    public String masterUrl() {
        return master.url();
    }

    /** Stops every process (and their children), then deletes the namespaces. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            cluster.close();
            seenExecutors.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } finally {
            if (hosts != null) {
                hosts.close();
            }
        }
    }
}
