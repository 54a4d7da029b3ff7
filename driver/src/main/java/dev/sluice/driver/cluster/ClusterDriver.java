package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.driver.scheduler.CacheLocations;
import dev.sluice.driver.scheduler.SchedulerBackend;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.executor.protocol.ClusterMessages.RemoveCachedNode;
import dev.sluice.executor.protocol.ClusterMessages.RemoveShuffle;
import dev.sluice.network.RequestContext;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.message.UnexpectedMessageException;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The driver's side of an application's executor processes, whoever launches them (the driver itself in
 * local-cluster mode, a cluster manager's workers in standalone mode): the listener executors register with and
 * report to, the {@link SchedulerBackend} that runs tasks on them, and the commands sent to all of them.
 *
 * <p>Executors may register only under ids announced with {@link #expect(String)} first.
 */
public final class ClusterDriver implements AutoCloseable {
    private final ControlSerializer serializer;
    private final TransportClientFactory clients;
    private final CachedBlockTracker cache = new CachedBlockTracker();
    private final ClusterBackend backend;
    private final TransportServer server;

    /**
     * Starts the driver's listener.
     *
     * @param serializer {@link ClusterMessages#newSerializer()}, or one extended with a cluster manager's messages
     * @param managerMessages answers the messages that are not the executors' (refuses them, when there are none)
     * @param replacementsComing whether lost executors are replaced (standalone mode), so that tasks wait for
     *     new executors instead of failing when every executor is lost
     */
    public ClusterDriver(String appId, SluiceConfig config, MeterRegistry registry, MapOutputTracker mapOutputs,
                         TransportConfig transport, ControlSerializer serializer, MessageHandler managerMessages,
                         boolean replacementsComing) throws IOException {
        this.serializer = serializer;
        this.clients = new TransportClientFactory(transport);
        ClassLoader loader = ExecutorEnvironment.classLoader();
        this.backend = new ClusterBackend(serializer, ExecutorEnvironment.serializer(config, loader), loader,
                config.get(ConfigKeys.EXECUTOR_HEARTBEAT_TIMEOUT), config.get(ConfigKeys.LOCALITY_WAIT),
                new ExecutorMetricsMirror(registry), cache,
                replacementsComing);
        try {
            this.server = TransportServer.start(transport, new MessageRequestHandler(serializer,
                    new DriverEndpoint(appId, backend, mapOutputs, cache, loader,
                            DriverJars.of(System.getProperty("java.class.path"), config.get(ConfigKeys.JARS)), clients, serializer, managerMessages)));
        } catch (IOException | RuntimeException e) {
            backend.close();
            clients.close();
            throw e;
        }
    }

    /** A handler for drivers without a cluster manager: it refuses every message. */
    public static MessageHandler noManager() {
        return new MessageHandler() {
            @Override
            public CompletableFuture<?> onRequest(RequestContext context, Object message) {
                return CompletableFuture.failedFuture(UnexpectedMessageException.notAnswered("The driver", message));
            }

            @Override
            public void onMessage(RequestContext context, Object message) {
                throw UnexpectedMessageException.notAccepted("The driver", message);
            }
        };
    }

    /** Where executors (and a cluster manager) reach the driver. */
    public InetSocketAddress address() {
        return server.advertisedAddress();
    }

    /** The transport's client connections (shared, so the driver keeps one connection per peer). */
    public TransportClientFactory clients() {
        return clients;
    }

    /** The serializer of the driver's listener. */
    public ControlSerializer serializer() {
        return serializer;
    }

    /** Allows an executor with this id to register. */
    public void expect(String executorId) {
        backend.expect(executorId);
    }

    /** Declares an executor lost (its process exited, its host is gone): its tasks are retried elsewhere. */
    public void executorLost(String executorId, String reason) {
        backend.executorLost(executorId, reason);
    }

    /** Waits until {@code count} executors are registered; false on timeout. */
    public boolean awaitExecutors(int count, Duration timeout) throws InterruptedException {
        return backend.awaitExecutors(count, timeout);
    }

    /** The registered executors' ids. */
    public List<String> executorIds() {
        return backend.executorIds();
    }

    /** The scheduler backend running tasks on the registered executors. */
    public SchedulerBackend backend() {
        return backend;
    }

    /** Where executors reported cached blocks; the scheduler reads it to place tasks. */
    public CacheLocations cacheLocations() {
        return cache;
    }

    /** Tells {@code listener} the id of every executor declared lost. */
    public void onExecutorLost(Consumer<String> listener) {
        backend.onExecutorLost(listener);
    }

    /** Drops a dataset node's cached blocks on every executor. */
    public void unpersist(int nodeId) {
        cache.removeNode(nodeId);
        broadcast(new RemoveCachedNode(nodeId));
    }

    /** Deletes a shuffle's files on every executor. */
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

    /** Fails every task of the application, now and from now on, with {@code reason}: it may run nothing more. */
    public void abort(String reason) {
        backend.abort(reason);
    }

    /** Asks every executor to stop and waits up to {@code timeout} for them to confirm; no task starts after. */
    public void stopExecutors(String reason, Duration timeout) {
        backend.stopExecutors(reason, timeout);
    }

    /** Stops the backend, the listener and every connection. */
    @Override
    public void close() {
        backend.close();
        server.close();
        clients.close();
    }
}
