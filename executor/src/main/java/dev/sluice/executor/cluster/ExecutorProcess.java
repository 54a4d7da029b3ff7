package dev.sluice.executor.cluster;

import dev.sluice.common.DaemonThreads;
import dev.sluice.executor.protocol.ClusterMessages;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.TransportSettings;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.protocol.ClusterMessages.Heartbeat;
import dev.sluice.executor.protocol.ClusterMessages.HeartbeatReply;
import dev.sluice.executor.protocol.ClusterMessages.LaunchTask;
import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.executor.protocol.ClusterMessages.Registered;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskRunner;
import dev.sluice.executor.task.TaskSlots;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.net.FetchLimits;
import dev.sluice.shuffle.net.NettyShuffleBlockFetcher;
import dev.sluice.shuffle.net.ShuffleBlockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running executor process: it listens on one port for the driver's commands and for other executors' block
 * fetches, registers with the driver, runs tasks on {@code cores} threads, reports how each ended, and
 * heartbeats. It stops when the driver says so, when the driver no longer knows it, or when its driver has been
 * silent for {@code sluice.executor.heartbeatTimeout} while its heartbeats failed ({@link DriverContact}); stopping
 * deletes its directory.
 */
public final class ExecutorProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorProcess.class);
    /** Results up to this size travel inside the task's status message; larger ones are fetched as a stream. */
    private static final int DIRECT_RESULT_LIMIT = 4 << 20;

    private final ExecutorSpec spec;
    private final ControlSerializer serializer = ClusterMessages.newSerializer();
    private final TransportClientFactory clients;
    private final MessageClient driver;
    private final ExecutorEnvironment environment;
    private final RemoteMapOutputs mapOutputs;
    private final TaskSlots backend;
    private final TaskReporter reporter;
    private final ExecutorService worker;
    private final ScheduledExecutorService heartbeats;
    private final TransportServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final DriverContact driverContact;
    private volatile int exitCode;

    private ExecutorProcess(ExecutorSpec spec) throws Exception {
        this.spec = spec;
        SluiceConfig config = spec.config();
        TransportConfig transport = TransportSettings.transportConfig(config, spec.secret());
        this.clients = new TransportClientFactory(transport);
        this.driver = new MessageClient(clients.client(spec.driver()), serializer);
        this.driverContact = new DriverContact(config.get(ConfigKeys.EXECUTOR_HEARTBEAT_TIMEOUT),
                driver.transport()::lastReceivedNanos, System::nanoTime);
        LocalDirectory dirs = LocalDirectory.create(spec.localDirs(), spec.appId() + "-" + spec.executorId());
        // Tasks load the application's classes from its jars (fetched from the driver when this class path lacks
        // them), then from the driver one class at a time (classes of notebook cells or an IDE's output directory).
        ClassLoader jars = ExecutorJars.fetch(driver, serializer, dirs.root().resolve("jars"),
                ExecutorProcess.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(new DriverClassLoader(jars, driver));
        EngineMetrics metrics = new EngineMetrics(spec.executorId());
        this.mapOutputs = new RemoteMapOutputs(driver, spec.executorId());
        FetchLimits limits = new FetchLimits(config.get(ConfigKeys.SHUFFLE_MAX_BYTES_IN_FLIGHT),
                config.get(ConfigKeys.SHUFFLE_MAX_REQUESTS_IN_FLIGHT), config.get(ConfigKeys.SHUFFLE_FETCH_RETRIES),
                config.get(ConfigKeys.SHUFFLE_FETCH_RETRY_WAIT));
        this.environment = ExecutorEnvironment.create(spec.executorId(), config, metrics, dirs, mapOutputs,
                own -> new RoutingBlockFetcher(new LocalShuffleBlockFetcher(own),
                        new NettyShuffleBlockFetcher(clients, mapOutputs, limits), mapOutputs::isLocal));
        environment.services().blocks().reportStoredBlocks();
        environment.services().blocks().remoteBlocks(
                new RemoteCachedBlocks(spec.executorId(), driver, clients, serializer));
        this.backend = new TaskSlots(spec.appId() + "-exec-" + spec.executorId(), spec.cores(),
                new TaskRunner(environment.services()));
        this.reporter = new TaskReporter(spec.executorId(), environment.services().serializer(),
                environment.services().blocks(), metrics, DIRECT_RESULT_LIMIT);
        this.worker = Executors.newSingleThreadExecutor(DaemonThreads.named("sluice-executor-worker"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-executor-heartbeat"));
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer,
                new ExecutorEndpoint(this, new ShuffleBlockServer(dirs, config.get(ConfigKeys.SHUFFLE_ZERO_COPY)), worker)));
    }

    /**
     * Starts the executor and registers it with the driver.
     *
     * @throws Exception if it cannot listen, reach the driver or register
     */
    public static ExecutorProcess start(ExecutorSpec spec) throws Exception {
        ExecutorProcess executor = new ExecutorProcess(spec);
        try {
            executor.register();
        } catch (Exception e) {
            executor.stop("registration failed: " + e);
            throw e;
        }
        return executor;
    }

    private void register() throws Exception {
        RegisterExecutor registration = new RegisterExecutor(spec.executorId(), server.advertisedAddress().getHostString(),
                server.port(), spec.cores(), ProcessHandle.current().pid());
        driver.ask(registration, Registered.class).get(60, TimeUnit.SECONDS);
        driverContact.heard(); // the driver's silence is measured from here, however long starting took
        Duration interval = spec.config().get(ConfigKeys.EXECUTOR_HEARTBEAT_INTERVAL);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Executor {} registered with the driver at {}, serving on {}", spec.executorId(), spec.driver(),
                server.advertisedAddress());
    }

    private void heartbeat() {
        Duration timeout = spec.config().get(ConfigKeys.EXECUTOR_HEARTBEAT_TIMEOUT);
        driver.ask(new Heartbeat(spec.executorId(), reporter.metrics()), HeartbeatReply.class, timeout)
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        heartbeatFailed(error, timeout);
                        return;
                    }
                    driverContact.heartbeatAnswered();
                    if (!reply.known()) {
                        exitCode = 3;
                        worker.execute(() -> stop("the driver declared this executor lost"));
                    }
                });
    }

    private void heartbeatFailed(Throwable error, Duration timeout) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        boolean giveUp = driverContact.heartbeatFailed();
        if (driverContact.failedInARow() == 1) {
            LOG.warn("Heartbeat to the driver at {} failed: {}", spec.driver(), cause.toString());
        } else {
            LOG.debug("Heartbeat to the driver at {} failed again: {}", spec.driver(), cause.toString());
        }
        if (giveUp) {
            exitCode = 2;
            String silence = driverContact.silence().toMillis() + " ms";
            worker.execute(() -> stop("the driver at " + spec.driver() + " has not answered for " + silence
                    + " (sluice.executor.heartbeatTimeout is " + timeout.toMillis() + " ms) and the last "
                    + DriverContact.FAILED_HEARTBEATS_TO_GIVE_UP + " heartbeats failed"));
        }
    }

    /** The driver sent a command: a sign of its life. */
    void heardFromDriver() {
        driverContact.heard();
    }

    /** Whether the executor has stopped (or is stopping). */
    public boolean isStopped() {
        return stopping.get();
    }

    /** The executor's id. */
    public String id() {
        return spec.executorId();
    }

    TaskReporter reporter() {
        return reporter;
    }

    void launch(LaunchTask launch) {
        mapOutputs.observeEpoch(launch.mapOutputEpoch());
        TaskDescription task = new TaskDescription(launch.taskId(), launch.jobId(), launch.stageId(),
                launch.stageAttempt(), launch.partition(), launch.attempt(), launch.stageBinary(),
                launch.partitionBinary(), launch.mapOutputEpoch(), List.of());
        LOG.info("Running {}", task);
        backend.launch(task, outcome -> driver.tell(reporter.report(task, outcome)).whenComplete((sent, error) -> {
            if (error != null) {
                LOG.warn("Cannot report the end of {} to the driver: {}", task, error.toString());
            }
        }));
    }

    void kill(long taskId) {
        backend.kill(taskId);
    }

    void removeShuffle(int shuffleId) {
        environment.services().dirs().removeShuffle(shuffleId);
    }

    byte[] serializedBlock(dev.sluice.executor.storage.BlockId id) {
        return environment.services().blocks().serializedBlock(id);
    }

    void removeCachedNode(int nodeId) {
        environment.services().blocks().removeNode(nodeId);
    }

    /** Stops as {@link #stop(String)} does and makes the process exit with {@code code}. */
    void stop(String reason, int code) {
        exitCode = code;
        stop(reason);
    }

    /** Stops tasks, listeners and connections and deletes the executor's directory; idempotent. */
    void stop(String reason) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Executor {} stopping: {}", spec.executorId(), reason);
        heartbeats.shutdownNow();
        try {
            backend.close();
        } finally {
            try {
                server.close();
            } finally {
                try {
                    clients.close();
                } finally {
                    environment.close();
                    worker.shutdown();
                    stopped.countDown();
                }
            }
        }
    }

    /** Waits until the executor stopped; returns the process exit code it asks for. */
    public int awaitStop() throws InterruptedException {
        stopped.await();
        return exitCode;
    }
}
