package dev.sluice.deploy.worker;

import dev.sluice.common.DaemonThreads;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.ClusterState;
import dev.sluice.deploy.DeployMessages.ApplicationEnded;
import dev.sluice.deploy.DeployMessages.KillDriver;
import dev.sluice.deploy.DeployMessages.KillExecutor;
import dev.sluice.deploy.DeployMessages.LaunchDriver;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.deploy.MessageRoutes;
import dev.sluice.deploy.http.JsonStateServer;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.message.UnexpectedMessageException;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A standalone cluster's worker: it registers with the master (again whenever it lost it), heartbeats, and on
 * the master's word starts and stops executor and driver processes in its work directory
 * ({@code APP_ID/EXECUTOR_ID/} and {@code DRIVER_ID/}, each with its {@code stdout} and {@code stderr}). It reports
 * every process that exits; when an application ends it stops its executors and deletes their data, keeping logs.
 *
 * <p>This class is the composition root and the lifecycle: it reads the worker's settings, starts the listener,
 * the JSON state and the timer, and wires the {@link MasterLink} (registration and heartbeats), the
 * {@link WorkerProcesses} (what it runs) and the {@link WorkerViews} (what it shows).
 */
public final class Worker implements ClusterState.Source, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final int cores;
    private final long memoryMiB;
    private final Path workDir;
    private final WorkerDirectories directories;
    private final Duration heartbeatInterval;
    private final TransportClientFactory clients;
    private final TransportServer server;
    private final String id;
    private final JsonStateServer web;
    private final ScheduledExecutorService timer;
    /** Runs the master's commands off the network threads: starting and stopping processes blocks. */
    private final ExecutorService stopper = Executors.newCachedThreadPool(DaemonThreads.named("sluice-worker-stopper"));
    private final MasterLink master;
    private final WorkerProcesses processes;
    private final WorkerViews views;

    private Worker(MasterUrl masterUrl, SluiceConfig config, TransportConfig transport, String secret)
            throws IOException {
        ControlSerializer serializer = DeployMessages.newSerializer();
        int configuredCores = config.get(ConfigKeys.WORKER_CORES);
        this.cores = configuredCores > 0 ? configuredCores : Runtime.getRuntime().availableProcessors();
        long configuredMemory = config.get(ConfigKeys.WORKER_MEMORY) >> 20;
        this.memoryMiB = configuredMemory > 0 ? configuredMemory : defaultMemoryMiB();
        String dir = config.get(ConfigKeys.WORKER_WORK_DIR);
        this.workDir = Files.createDirectories(Path.of(dir.isEmpty() ? defaultWorkDir() : dir).toAbsolutePath());
        this.directories = WorkerDirectories.of(config, workDir);
        this.heartbeatInterval = config.get(ConfigKeys.WORKER_TIMEOUT).dividedBy(4);
        this.clients = new TransportClientFactory(transport);
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer, routes()));
        this.web = JsonStateServer.start(transport.bindHost(), config.get(ConfigKeys.WORKER_WEBUI_PORT), this);
        InetSocketAddress address = server.advertisedAddress();
        this.id = "worker-" + LocalDateTime.now().format(ID_TIME) + "-" + address.getHostString() + "-" + address.getPort();
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-worker-timer"));
        ProcessCommands commands = new ProcessCommands(directories, masterUrl, secret,
                config.get(ConfigKeys.NETWORK_BIND_HOST), config.get(ConfigKeys.NETWORK_ADVERTISED_HOST));
        this.master = new MasterLink(id, masterUrl, clients, serializer, timer, this::registration,
                this::registered);
        this.processes = new WorkerProcesses(id, directories, commands, master::tell);
        this.views = new WorkerViews(this::identity, processes, master::isConnected);
    }

    /**
     * Starts a worker listening on {@code transport}'s address and registers it with the master (retrying until
     * the master answers).
     *
     * @throws IOException if it cannot listen or create its work directory
     */
    public static Worker start(MasterUrl masterUrl, SluiceConfig config, TransportConfig transport, String secret)
            throws IOException {
        Worker worker = new Worker(masterUrl, config, transport, secret);
        LOG.info("Worker {} with {} cores and {} MiB, work directory {}{}", worker.id, worker.cores, worker.memoryMiB,
                worker.workDir, worker.directories.localDirs().isEmpty() ? ""
                        : ", executors' local directories " + worker.directories.localDirs());
        worker.master.start(worker.heartbeatInterval);
        return worker;
    }

    private static long defaultMemoryMiB() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() >> 20 : 2048;
        return Math.max(1024, total - 1024);
    }

    private static String defaultWorkDir() {
        String home = System.getProperty("sluice.home", "");
        return home.isEmpty() ? "work" : Path.of(home, "work").toString();
    }

    /**
     * The master's commands, each checked (an id must be a plain directory name) on the network thread and carried
     * out on a stopper thread. The worker answers no requests.
     */
    private MessageRoutes routes() {
        return MessageRoutes.of("A worker")
                .accept(LaunchExecutor.class, launch -> {
                    WorkDirNames.check("application id", launch.appId());
                    WorkDirNames.check("executor id", launch.executorId());
                    stopper.execute(() -> processes.launchExecutor(launch));
                })
                .accept(KillExecutor.class, kill ->
                        stopper.execute(() -> processes.killExecutor(kill.appId(), kill.executorId())))
                .accept(ApplicationEnded.class, ended -> {
                    WorkDirNames.check("application id", ended.appId());
                    stopper.execute(() -> processes.applicationEnded(ended.appId()));
                })
                .accept(LaunchDriver.class, launch -> {
                    WorkDirNames.check("driver id", launch.driverId());
                    stopper.execute(() -> processes.launchDriver(launch.driverId(), launch.description()));
                })
                .accept(KillDriver.class, kill -> stopper.execute(() -> processes.killDriver(kill.driverId())))
                .build();
    }

    private WorkerIdentity identity() {
        InetSocketAddress address = server.advertisedAddress();
        return new WorkerIdentity(id, address.getHostString(), address.getPort(), web.port(), cores, memoryMiB);
    }

    private RegisterWorker registration() {
        return identity().registration(processes.snapshot());
    }

    /** The master accepted this worker: what it does not know any more is stopped. */
    private void registered(WorkerRegistered registered) {
        processes.stopUnknown(Set.of(registered.applications()), Set.of(registered.drivers()));
    }

    /** This worker's id. */
    public String id() {
        return id;
    }

    /** Completes with the reason when the worker cannot go on (the master refused its secret). */
    public CompletableFuture<String> fatalError() {
        return master.fatalError();
    }

    /** The port of the JSON state ({@code /api/v1/...}). */
    public int webUiPort() {
        return web.port();
    }

    /** The address the master reaches this worker at. */
    public InetSocketAddress address() {
        return server.advertisedAddress();
    }

    /** Where the worker keeps its processes' directories. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public List<WorkerView> workers() {
        return views.workers();
    }

    @Override
    public List<ApplicationView> applications() {
        return views.applications();
    }

    @Override
    public List<DriverView> drivers() {
        return views.drivers();
    }

    /** Stops every process it runs (deleting their data) and its listener. */
    @Override
    public void close() {
        if (!processes.close()) {
            return;
        }
        master.close();
        timer.shutdownNow();
        processes.stopAll();
        stopper.shutdownNow();
        web.close();
        server.close();
        clients.close();
    }
}
