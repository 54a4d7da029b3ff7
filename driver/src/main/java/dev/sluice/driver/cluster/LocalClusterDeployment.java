package dev.sluice.driver.cluster;

import dev.sluice.executor.cluster.ExecutorMain;
import dev.sluice.executor.protocol.ClusterMessages;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.JavaCommand;
import dev.sluice.executor.protocol.TransportSettings;

import dev.sluice.SluiceException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * local-cluster mode: {@code N} executor JVMs on this machine, each with {@code C} task threads and {@code M} MiB
 * of heap, launched with the driver's class path, talking to the driver and to each other over loopback sockets
 * with a per-application secret. Closing stops them (forcibly if they do not exit) and deletes every directory.
 */
public final class LocalClusterDeployment extends ClusterDeployment {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterDeployment.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final LocalClusterShape shape;
    private final LocalDirectory appDir;
    private final ClusterDriver driver;
    private final List<Process> processes = new ArrayList<>();

    private LocalClusterDeployment(String appId, SluiceConfig config, MeterRegistry registry, LocalClusterShape shape,
                                   MapOutputTracker mapOutputs) throws IOException {
        this.shape = shape;
        String configured = TransportSettings.configuredSecret(config);
        String secret = configured.isEmpty() ? TransportSettings.randomSecret() : configured;
        TransportConfig transport = TransportSettings.transportConfig(config, secret);
        this.appDir = LocalDirectory.create(config.get(ConfigKeys.LOCAL_DIR), appId);
        this.driver = new ClusterDriver(appId, config, registry, mapOutputs, transport, ClusterMessages.newSerializer(),
                ClusterDriver.noManager(), false);
        for (int i = 1; i <= shape.executors(); i++) {
            String id = Integer.toString(i);
            driver.expect(id);
            Path workDir = Files.createDirectories(appDir.root().resolve("executor-" + id));
            // The executor spreads its files over every local directory, in this application's root in each, so
            // closing the driver's directory deletes them even if the executor cannot.
            List<Path> localDirs = appDir.roots().stream().map(root -> root.resolve("executor-" + id)).toList();
            ExecutorSpec spec = new ExecutorSpec(appId, id, driver.address(), shape.cores(), workDir, localDirs, config,
                    secret);
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
        List<String> command = JavaCommand.of(shape.memoryMiB(), config.get(ConfigKeys.EXECUTOR_JAVA_OPTIONS),
                System.getProperty("java.class.path"), ExecutorMain.class.getName());
        // Executors resolve relative paths (text files, output directories) like the driver does.
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectOutput(spec.workDir().resolve("stdout").toFile())
                .redirectError(spec.workDir().resolve("stderr").toFile());
        builder.environment().putAll(spec.toEnvironment());
        builder.environment().put(ExecutorMain.PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        Process process = builder.start();
        process.onExit().thenAccept(exited -> driver.executorLost(spec.executorId(),
                "its process " + exited.pid() + " exited with code " + exited.exitValue()));
        return process;
    }

    private void awaitRegistration() {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        try {
            while (!driver.awaitExecutors(shape.executors(), Duration.ofMillis(100))) {
                for (int i = 0; i < processes.size(); i++) {
                    Process process = processes.get(i);
                    if (!process.isAlive()) {
                        throw new SluiceException("Executor " + (i + 1) + " of " + shape + " exited with code "
                                + process.exitValue() + " before it registered: " + tail(i + 1));
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SluiceException("Only " + driver.executorIds().size() + " of the " + shape.executors()
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

    @Override
    protected ClusterDriver driver() {
        return driver;
    }

    @Override
    public int defaultParallelism() {
        return shape.executors() * shape.cores();
    }

    @Override
    public void close() {
        List<String> registered = driver.executorIds();
        driver.stopExecutors("the driver is closing", STOP_TIMEOUT);
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
        driver.close();
        appDir.close();
    }
}
