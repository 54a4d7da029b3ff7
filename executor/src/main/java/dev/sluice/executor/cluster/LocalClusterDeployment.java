package dev.sluice.executor.cluster;

import dev.sluice.SluiceException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.Deployment;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.executor.cluster.ClusterMessages.RemoveCachedNode;
import dev.sluice.executor.cluster.ClusterMessages.RemoveShuffle;
import dev.sluice.executor.scheduler.CacheLocations;
import dev.sluice.executor.scheduler.SchedulerBackend;
import dev.sluice.executor.shuffle.MapOutputTracker;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.io.LocalDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * local-cluster mode: {@code N} executor JVMs on this machine, each with {@code C} task threads and {@code M} MiB
 * of heap, launched with the driver's class path, talking to the driver and to each other over loopback sockets
 * with a per-application secret. Closing stops them (forcibly if they do not exit) and deletes every directory.
 */
public final class LocalClusterDeployment implements Deployment {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterDeployment.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final LocalClusterShape shape;
    private final ControlSerializer serializer = ClusterMessages.newSerializer();
    private final LocalDirectory appDir;
    private final TransportClientFactory clients;
    private final CachedBlockTracker cache = new CachedBlockTracker();
    private final ClusterBackend backend;
    private final TransportServer server;
    private final List<Process> processes = new ArrayList<>();

    private LocalClusterDeployment(String appId, SluiceConfig config, MeterRegistry registry, LocalClusterShape shape,
                                   MapOutputTracker mapOutputs) throws IOException {
        this.shape = shape;
        String configured = TransportSettings.configuredSecret(config);
        String secret = configured.isEmpty() ? TransportSettings.randomSecret() : configured;
        TransportConfig transport = TransportSettings.transportConfig(config, secret);
        this.appDir = LocalDirectory.create(Path.of(config.get(ConfigKeys.LOCAL_DIR)), appId);
        this.clients = new TransportClientFactory(transport);
        this.backend = new ClusterBackend(serializer, ExecutorEnvironment.serializer(config, ExecutorEnvironment.classLoader()),
                ExecutorEnvironment.classLoader(), config.get(ConfigKeys.EXECUTOR_HEARTBEAT_TIMEOUT),
                new ExecutorMetricsMirror(registry), cache);
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer,
                new DriverEndpoint(appId, backend, mapOutputs, cache, ExecutorEnvironment.classLoader(), clients, serializer)));
        for (int i = 1; i <= shape.executors(); i++) {
            String id = Integer.toString(i);
            backend.expect(id);
            Path workDir = Files.createDirectories(appDir.root().resolve("executor-" + id));
            ExecutorSpec spec = new ExecutorSpec(appId, id, server.advertisedAddress(), shape.cores(), workDir, config, secret);
            processes.add(launch(spec, config));
        }
    }

    /**
     * Starts the executors and waits until all registered.
     *
     * @throws SluiceException if an executor cannot start (with the end of its error output) or does not register
     */
    public static LocalClusterDeployment start(String appId, SluiceConfig config, MeterRegistry registry,
                                               LocalClusterShape shape, MapOutputTracker mapOutputs) {
        LocalClusterDeployment deployment;
        try {
            deployment = new LocalClusterDeployment(appId, config, registry, shape, mapOutputs);
        } catch (IOException e) {
            throw new SluiceException("Cannot start " + shape + ": " + e.getMessage(), e);
        }
        try {
            deployment.awaitRegistration();
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
        return deployment;
    }

    private Process launch(ExecutorSpec spec, SluiceConfig config) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx" + shape.memoryMiB() + "m");
        List<String> options = new ArrayList<>();
        for (String option : config.get(ConfigKeys.EXECUTOR_JAVA_OPTIONS).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        if (options.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            command.add("-XX:+UseParallelGC"); // throughput first, unless the user chose a collector
        }
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExecutorMain.class.getName());
        // Executors resolve relative paths (text files, output directories) like the driver does.
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectOutput(spec.workDir().resolve("stdout").toFile())
                .redirectError(spec.workDir().resolve("stderr").toFile());
        builder.environment().putAll(spec.toEnvironment());
        Process process = builder.start();
        process.onExit().thenAccept(exited -> backend.executorLost(spec.executorId(),
                "its process " + exited.pid() + " exited with code " + exited.exitValue()));
        return process;
    }

    private void awaitRegistration() {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        try {
            while (!backend.awaitExecutors(shape.executors(), Duration.ofMillis(100))) {
                for (int i = 0; i < processes.size(); i++) {
                    Process process = processes.get(i);
                    if (!process.isAlive()) {
                        throw new SluiceException("Executor " + (i + 1) + " of " + shape + " exited with code "
                                + process.exitValue() + " before it registered: " + tail(i + 1));
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SluiceException("Only " + backend.executorIds().size() + " of the " + shape.executors()
                            + " executors of " + shape + " registered within " + REGISTRATION_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("Interrupted while starting " + shape, e);
        }
    }

    /** The end of what an executor printed (the JVM reports bad options on stdout, Sluice errors on stderr). */
    private String tail(int executor) {
        StringBuilder out = new StringBuilder();
        for (String stream : List.of("stderr", "stdout")) {
            Path file = appDir.root().resolve("executor-" + executor).resolve(stream);
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    out.append('\n').append(stream).append(": ")
                            .append(text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text);
                }
            } catch (IOException e) {
                out.append('\n').append(stream).append(": (unreadable: ").append(e.getMessage()).append(')');
            }
        }
        return out.length() == 0 ? "(it printed nothing)" : out.toString();
    }

    /** Where the driver sends cached-block locations; the scheduler reads them to place tasks. */
    public CacheLocations cacheLocations() {
        return cache;
    }

    /** Tells the scheduler (through {@code listener}) which executors are lost. */
    public void onExecutorLost(Consumer<String> listener) {
        backend.onExecutorLost(listener);
    }

    @Override
    public SchedulerBackend backend() {
        return backend;
    }

    @Override
    public int defaultParallelism() {
        return shape.executors() * shape.cores();
    }

    @Override
    public void unpersist(int nodeId) {
        cache.removeNode(nodeId);
        broadcast(new RemoveCachedNode(nodeId));
    }

    @Override
    public void removeShuffle(int shuffleId) {
        broadcast(new RemoveShuffle(shuffleId));
    }

    /** Sends a one-way command to every registered executor (best effort: a lost executor's files are gone anyway). */
    private void broadcast(Object message) {
        for (InetSocketAddress address : backend.addresses().values()) {
            clients.clientAsync(new InetSocketAddress(address.getHostString(), address.getPort()))
                    .thenAccept(client -> new MessageClient(client, serializer).tell(message));
        }
    }

    @Override
    public void close() {
        List<String> registered = backend.executorIds();
        backend.stopExecutors("the driver is closing", STOP_TIMEOUT);
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            if (!registered.contains(Integer.toString(i + 1))) {
                process.destroyForcibly(); // declared lost (frozen, say): it will not answer a stop
            }
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Executor process {} did not exit; killing it", process.pid());
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        backend.close();
        server.close();
        clients.close();
        appDir.close();
    }
}
