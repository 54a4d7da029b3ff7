package dev.sluice.deploy.worker;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.ExecutorView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.ClusterState;
import dev.sluice.deploy.DeployMessages.ApplicationEnded;
import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.ExecutorRef;
import dev.sluice.deploy.DeployMessages.KillDriver;
import dev.sluice.deploy.DeployMessages.KillExecutor;
import dev.sluice.deploy.DeployMessages.LaunchDriver;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeatReply;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.deploy.http.JsonStateServer;
import dev.sluice.executor.cluster.ExecutorMain;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.JavaCommand;
import dev.sluice.network.AuthenticationException;
import dev.sluice.network.RequestContext;
import dev.sluice.network.TlsRequiredException;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.message.UnexpectedMessageException;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone cluster's worker: it registers with the master (again whenever it lost it), heartbeats, and on
 * the master's word starts and stops executor and driver processes in its work directory
 * ({@code APP_ID/EXECUTOR_ID/} and {@code DRIVER_ID/}, each with its {@code stdout} and {@code stderr}). It reports
 * every process that exits; when an application ends it stops its executors and deletes their data, keeping logs.
 */
public final class Worker implements MessageHandler, ClusterState.Source, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final long RETRY_MILLIS = 1000;

    private final ControlSerializer serializer = DeployMessages.newSerializer();
    private final MasterUrl masterUrl;
    private final String secret;
    private final int cores;
    private final long memoryMiB;
    private final Path workDir;
    private final WorkerDirectories directories;
    private final String bindHost;
    private final String advertisedHost;
    private final Duration heartbeatInterval;
    private final TransportClientFactory clients;
    private final TransportServer server;
    private final String id;
    private final JsonStateServer web;
    private final ScheduledExecutorService timer;
    private final ExecutorService stopper = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-worker-stopper");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Running> executors = new LinkedHashMap<>();
    private final Map<String, Running> drivers = new LinkedHashMap<>();
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private volatile MessageClient master;
    private volatile boolean registering;
    private volatile boolean closed;

    /** A process this worker runs, with what it was launched with. */
    private record Running(ProcessRunner runner, String appId, String id, int cores, long memoryMiB, String detail) {
    }

    private Worker(MasterUrl masterUrl, SluiceConfig config, TransportConfig transport, String secret)
            throws IOException {
        this.masterUrl = masterUrl;
        this.secret = secret;
        int configuredCores = config.get(ConfigKeys.WORKER_CORES);
        this.cores = configuredCores > 0 ? configuredCores : Runtime.getRuntime().availableProcessors();
        long configuredMemory = config.get(ConfigKeys.WORKER_MEMORY) >> 20;
        this.memoryMiB = configuredMemory > 0 ? configuredMemory : defaultMemoryMiB();
        String dir = config.get(ConfigKeys.WORKER_WORK_DIR);
        this.workDir = Files.createDirectories(Path.of(dir.isEmpty() ? defaultWorkDir() : dir).toAbsolutePath());
        this.directories = WorkerDirectories.of(config, workDir);
        this.heartbeatInterval = config.get(ConfigKeys.WORKER_TIMEOUT).dividedBy(4);
        this.bindHost = config.get(ConfigKeys.NETWORK_BIND_HOST);
        this.advertisedHost = config.get(ConfigKeys.NETWORK_ADVERTISED_HOST);
        this.clients = new TransportClientFactory(transport);
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer, this));
        this.web = JsonStateServer.start(transport.bindHost(), config.get(ConfigKeys.WORKER_WEBUI_PORT), this);
        InetSocketAddress address = server.advertisedAddress();
        this.id = "worker-" + LocalDateTime.now().format(ID_TIME) + "-" + address.getHostString() + "-" + address.getPort();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-worker-timer");
            t.setDaemon(true);
            return t;
        });
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
        worker.timer.execute(worker::register);
        long period = worker.heartbeatInterval.toMillis();
        worker.timer.scheduleWithFixedDelay(worker::heartbeat, period, period, TimeUnit.MILLISECONDS);
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

    /** This worker's id. */
    public String id() {
        return id;
    }

    /** Completes with the reason when the worker cannot go on (the master refused its secret). */
    public CompletableFuture<String> fatalError() {
        return fatal;
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

    // ---------------------------------------------------------------- master

    private void register() {
        if (closed) {
            return;
        }
        registering = true;
        RegisterWorker registration;
        synchronized (this) {
            List<ExecutorRef> refs = new ArrayList<>();
            executors.values().forEach(e -> refs.add(new ExecutorRef(e.appId(), e.id(), e.cores(), e.memoryMiB())));
            InetSocketAddress address = server.advertisedAddress();
            registration = new RegisterWorker(id, address.getHostString(), address.getPort(), web.port(), cores, memoryMiB,
                    refs.toArray(ExecutorRef[]::new), drivers.keySet().toArray(String[]::new));
        }
        try {
            MessageClient client = new MessageClient(clients.client(masterUrl.address()), serializer);
            WorkerRegistered registered = client.ask(registration, WorkerRegistered.class, ASK_TIMEOUT)
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            master = client;
            registering = false;
            LOG.info("Registered with the master at {}", registered.masterUrl());
            stopUnknown(Set.of(registered.applications()), Set.of(registered.drivers()));
            client.transport().closeFuture().whenComplete((done, error) -> masterLost(client));
        } catch (AuthenticationException e) {
            // A wrong secret does not get better by retrying: the worker gives up, saying why.
            fatal.complete("The master at " + masterUrl + " refused this worker's secret: use the cluster's secret "
                    + "(the master's conf/sluice.secret, sluice.auth.secret or sluice.auth.secretFile)");
        } catch (TlsRequiredException e) {
            // Neither does a TLS setting that differs from the master's.
            fatal.complete("Cannot register with the master at " + masterUrl + ": " + e.getMessage());
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("Cannot register with the master at {}: {}; retrying in {} ms", masterUrl, cause.getMessage(),
                    RETRY_MILLIS);
            if (!closed) {
                timer.schedule(this::register, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void masterLost(MessageClient client) {
        if (!closed && master == client && !registering) {
            LOG.warn("Lost the connection to the master at {}; registering again", masterUrl);
            master = null;
            registering = true;
            timer.execute(this::register);
        }
    }

    private void heartbeat() {
        MessageClient client = master;
        if (client == null || registering) {
            return;
        }
        client.ask(new WorkerHeartbeat(id), WorkerHeartbeatReply.class, ASK_TIMEOUT).whenComplete((reply, error) -> {
            if (error == null && !reply.known() && master == client && !registering) {
                LOG.warn("The master at {} does not know this worker any more; registering again", masterUrl);
                registering = true;
                timer.execute(this::register);
            }
        });
    }

    /** After a (re-)registration: stops what belongs to applications and drivers the master does not know. */
    private void stopUnknown(Set<String> applications, Set<String> liveDrivers) {
        List<String> apps = new ArrayList<>();
        List<String> orphanDrivers = new ArrayList<>();
        synchronized (this) {
            executors.values().stream().map(Running::appId).filter(a -> !applications.contains(a)).distinct()
                    .forEach(apps::add);
            drivers.keySet().stream().filter(d -> !liveDrivers.contains(d)).forEach(orphanDrivers::add);
        }
        apps.forEach(this::applicationEnded);
        for (String driver : orphanDrivers) {
            LOG.warn("Stopping driver {}: the master does not know it", driver);
            killDriver(driver);
        }
    }

    private void tellMaster(Object message) {
        MessageClient client = master;
        if (client != null) {
            client.tell(message);
        } else {
            LOG.warn("Could not tell the master {} (not connected)", message);
        }
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CompletableFuture<?> onRequest(RequestContext context, Object message) {
        throw UnexpectedMessageException.notAnswered("A worker", message);
    }

    @Override
    public void onMessage(RequestContext context, Object message) {
        if (message instanceof LaunchExecutor launch) {
            WorkDirNames.check("application id", launch.appId());
            WorkDirNames.check("executor id", launch.executorId());
            stopper.execute(() -> launchExecutor(launch));
        } else if (message instanceof KillExecutor kill) {
            stopper.execute(() -> killExecutor(kill.appId(), kill.executorId()));
        } else if (message instanceof ApplicationEnded ended) {
            WorkDirNames.check("application id", ended.appId());
            stopper.execute(() -> applicationEnded(ended.appId()));
        } else if (message instanceof LaunchDriver launch) {
            WorkDirNames.check("driver id", launch.driverId());
            stopper.execute(() -> launchDriver(launch.driverId(), launch.description()));
        } else if (message instanceof KillDriver kill) {
            stopper.execute(() -> killDriver(kill.driverId()));
        } else {
            throw UnexpectedMessageException.notAccepted("A worker", message);
        }
    }

    private void launchExecutor(LaunchExecutor launch) {
        String key = launch.appId() + "/" + launch.executorId();
        Path dir = directories.executorWorkDir(launch.appId(), launch.executorId());
        try {
            SluiceConfig config = onThisHost(ExecutorSpec.decodeConfig(launch.configText()));
            ExecutorSpec spec = new ExecutorSpec(launch.appId(), launch.executorId(),
                    InetSocketAddress.createUnresolved(launch.driverHost(), launch.driverPort()), launch.cores(), dir,
                    directories.executorLocalDirs(launch.appId(), launch.executorId()), config, secret);
            List<String> command = JavaCommand.of(launch.memoryMiB(), config.get(ConfigKeys.EXECUTOR_JAVA_OPTIONS),
                    System.getProperty("java.class.path"), ExecutorMain.class.getName());
            synchronized (this) {
                if (closed) {
                    return;
                }
                Map<String, String> environment = new LinkedHashMap<>(spec.toEnvironment());
                environment.put(ExecutorMain.PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
                ProcessRunner runner = ProcessRunner.start("executor " + key, command, environment, dir,
                        code -> executorExited(launch.appId(), launch.executorId(), code));
                executors.put(key, new Running(runner, launch.appId(), launch.executorId(), launch.cores(),
                        launch.memoryMiB(), "pid " + runner.pid()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch executor {}", key, e);
            tellMaster(new ExecutorExited(id, launch.appId(), launch.executorId(), -1, "it could not start: " + e));
        }
    }

    /** An application's settings for a process on this host: it listens where the worker does. */
    private SluiceConfig onThisHost(SluiceConfig config) {
        return config.with(ConfigKeys.NETWORK_BIND_HOST, bindHost).with(ConfigKeys.NETWORK_ADVERTISED_HOST, advertisedHost);
    }

    private void executorExited(String appId, String executorId, int code) {
        Running running;
        synchronized (this) {
            running = executors.remove(appId + "/" + executorId);
        }
        if (running == null || running.runner().killed()) {
            return;
        }
        LOG.warn("Executor {}/{} exited with code {}", appId, executorId, code);
        tellMaster(new ExecutorExited(id, appId, executorId, code, describeExit(code)));
    }

    private static String describeExit(int code) {
        return switch (code) {
            case 0 -> "it stopped";
            case 1 -> "it could not start (see its stderr)";
            case 2 -> "it lost its driver";
            case 3 -> "its driver declared it lost";
            default -> code > 128 ? "it was killed by signal " + (code - 128) : "";
        };
    }

    private void killExecutor(String appId, String executorId) {
        Running running;
        synchronized (this) {
            running = executors.remove(appId + "/" + executorId);
        }
        if (running != null) {
            running.runner().kill();
        }
    }

    /** Stops the application's executors, then deletes their directories except the logs. */
    private void applicationEnded(String appId) {
        List<Running> mine = new ArrayList<>();
        synchronized (this) {
            executors.values().removeIf(e -> {
                if (e.appId().equals(appId)) {
                    mine.add(e);
                    return true;
                }
                return false;
            });
        }
        mine.forEach(e -> e.runner().kill());
        deleteData(appId);
        if (!mine.isEmpty()) {
            LOG.info("Application {} ended: stopped {} executors and deleted their data", appId, mine.size());
        }
    }

    /** Deletes what an application's executors wrote here: all of it in the local directories, all but logs here. */
    private void deleteData(String appId) {
        deleteDataKeepingLogs(workDir.resolve(appId));
        for (Path dir : directories.applicationLocalDirs(appId)) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete all data in {}: {}", dir, e.toString());
        }
    }

    private static void deleteDataKeepingLogs(Path appDir) {
        if (!Files.isDirectory(appDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = path.getFileName().toString();
                boolean log = Files.isRegularFile(path) && (name.equals("stdout") || name.equals("stderr"))
                        && path.getParent().getParent().equals(appDir);
                if (log || path.equals(appDir) || path.getParent().equals(appDir) && Files.isDirectory(path)) {
                    continue;
                }
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete all data of {}: {}", appDir, e.toString());
        }
    }

    private void launchDriver(String driverId, DriverDescription description) {
        Path dir = workDir.resolve(driverId);
        try {
            Files.createDirectories(dir);
            Path jar = dir.resolve(description.jarName().replaceAll("[^\\w.+-]", "_"));
            Files.write(jar, description.jar());
            SluiceConfig config = onThisHost(ExecutorSpec.decodeConfig(description.configText()))
                    .with(ConfigKeys.MASTER, masterUrl.toString());
            Map<String, String> environment = DriverWrapper.environment(config, secret, description.mainClass());
            List<String> command = new ArrayList<>(JavaCommand.of(description.memoryMiB(), "",
                    System.getProperty("java.class.path") + File.pathSeparator + jar, DriverWrapper.class.getName()));
            command.addAll(List.of(description.args()));
            synchronized (this) {
                if (closed) {
                    return;
                }
                ProcessRunner runner = ProcessRunner.start("driver " + driverId, command, environment, dir,
                        code -> driverExited(driverId, code));
                drivers.put(driverId, new Running(runner, "", driverId, description.cores(), description.memoryMiB(),
                        description.mainClass()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch driver {}", driverId, e);
            tellMaster(new DriverExited(id, driverId, -1, false, "it could not start: " + e));
        }
    }

    private void driverExited(String driverId, int code) {
        Running running;
        synchronized (this) {
            running = drivers.remove(driverId);
        }
        if (running != null) {
            LOG.info("Driver {} exited with code {}", driverId, code);
            tellMaster(new DriverExited(id, driverId, code, running.runner().killed(),
                    code == 0 ? "" : "exited with code " + code + " (see " + workDir.resolve(driverId) + "/stderr)"));
        }
    }

    private void killDriver(String driverId) {
        Running running;
        synchronized (this) {
            running = drivers.get(driverId);
        }
        if (running != null) {
            running.runner().kill(); // its exit is reported as killed
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public synchronized List<WorkerView> workers() {
        int used = 0;
        long memory = 0;
        for (Running r : executors.values()) {
            used += r.cores();
            memory += r.memoryMiB();
        }
        for (Running r : drivers.values()) {
            used += r.cores();
            memory += r.memoryMiB();
        }
        InetSocketAddress address = server.advertisedAddress();
        return List.of(new WorkerView(id, address.getHostString(), address.getPort(), web.port(),
                master != null ? "ALIVE" : "DISCONNECTED", cores, used, memoryMiB, memory, 0,
                List.copyOf(executors.keySet()), List.copyOf(drivers.keySet())));
    }

    @Override
    public synchronized List<ApplicationView> applications() {
        Map<String, List<ExecutorView>> byApp = new LinkedHashMap<>();
        for (Running r : executors.values()) {
            byApp.computeIfAbsent(r.appId(), a -> new ArrayList<>()).add(new ExecutorView(r.id(), id,
                    server.advertisedAddress().getHostString(), r.cores(), r.memoryMiB(), "RUNNING"));
        }
        List<ApplicationView> out = new ArrayList<>();
        byApp.forEach((app, list) -> out.add(new ApplicationView(app, "", "RUNNING", "", list.stream()
                .mapToInt(ExecutorView::cores).sum(), 0, 0, 0, "", 0, 0, list)));
        return out;
    }

    @Override
    public synchronized List<DriverView> drivers() {
        List<DriverView> out = new ArrayList<>();
        drivers.values().forEach(r -> out.add(new DriverView(r.id(), r.detail(), "RUNNING", id, r.cores(),
                r.memoryMiB(), false, 1, null, "", 0)));
        return out;
    }

    /** Stops every process it runs (deleting their data) and its listener. */
    @Override
    public void close() {
        List<Running> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(executors.values());
            all.addAll(drivers.values());
        }
        timer.shutdownNow();
        all.parallelStream().forEach(r -> r.runner().kill());
        all.stream().map(Running::appId).filter(a -> !a.isEmpty()).distinct().forEach(this::deleteData);
        stopper.shutdownNow();
        web.close();
        server.close();
        clients.close();
    }
}
