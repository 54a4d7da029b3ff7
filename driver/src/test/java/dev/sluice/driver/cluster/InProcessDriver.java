package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.TransportSettings;

import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A real driver endpoint listening on loopback in the test's JVM, with its executor registry, for tests of what
 * executors and the driver say to each other. The driver's own monitor is lenient (60 s of silence), so that only
 * what a test provokes declares an executor lost. {@link #close()} stops every executor and the endpoint.
 */
final class InProcessDriver implements AutoCloseable {
    static final String SECRET = "the application's secret, 32+ bytes";

    final SluiceConfig config;
    final ControlSerializer serializer = ClusterMessages.newSerializer();
    final ClusterBackend backend;
    final TransportClientFactory clients;
    final TransportServer server;

    /**
     * Starts a driver endpoint on {@code config}, with the application's {@link #SECRET}, behind {@code network}:
     * a handler that sees every message before the endpoint and may delay or drop it ({@code UnaryOperator.identity()}
     * for none).
     */
    InProcessDriver(SluiceConfig config, UnaryOperator<MessageHandler> network) throws Exception {
        this.config = config;
        TransportConfig transport = TransportSettings.transportConfig(config, SECRET);
        ClassLoader loader = getClass().getClassLoader();
        this.backend = new ClusterBackend(serializer, ExecutorEnvironment.serializer(config, loader), loader,
                Duration.ofSeconds(60), Duration.ofSeconds(3), new ExecutorMetricsMirror(new SimpleMeterRegistry()),
                new CachedBlockTracker(), false);
        this.clients = new TransportClientFactory(transport);
        DriverEndpoint endpoint = new DriverEndpoint("app", backend, new MapOutputTracker(), new CachedBlockTracker(),
                loader, DriverJars.of("", ""), clients, serializer, ClusterDriver.noManager());
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer, network.apply(endpoint)));
    }

    /** Starts a driver endpoint with nothing between it and the executors. */
    InProcessDriver(SluiceConfig config) throws Exception {
        this(config, UnaryOperator.identity());
    }

    /** What executor {@code id} needs to start against this driver, with the given secret, working in {@code dir}. */
    ExecutorSpec spec(String id, Path dir, String secret) {
        return new ExecutorSpec("app", id, server.boundAddress(), 1, dir, config, secret);
    }

    /** What executor {@code id} needs to start against this driver, working in {@code dir}. */
    ExecutorSpec spec(String id, Path dir) {
        return spec(id, dir, SECRET);
    }

    @Override
    public void close() {
        backend.stopExecutors("test over", Duration.ofSeconds(5));
        backend.close();
        server.close();
        clients.close();
    }
}
