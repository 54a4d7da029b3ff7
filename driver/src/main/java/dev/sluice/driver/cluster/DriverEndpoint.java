package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages.CachedBlockLocation;
import dev.sluice.executor.protocol.ClusterMessages.ClassFile;
import dev.sluice.executor.protocol.ClusterMessages.FetchAppJar;
import dev.sluice.executor.protocol.ClusterMessages.GetAppClasspath;
import dev.sluice.executor.protocol.ClusterMessages.GetCachedBlock;
import dev.sluice.executor.protocol.ClusterMessages.GetClass;
import dev.sluice.executor.protocol.ClusterMessages.GetMapOutputs;
import dev.sluice.executor.protocol.ClusterMessages.Heartbeat;
import dev.sluice.executor.protocol.ClusterMessages.HeartbeatReply;
import dev.sluice.executor.protocol.ClusterMessages.MapOutputs;
import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.executor.protocol.ClusterMessages.Registered;
import dev.sluice.executor.protocol.ClusterMessages.TaskFailed;
import dev.sluice.executor.protocol.ClusterMessages.TaskFinished;
import dev.sluice.network.RequestContext;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.tracker.MapOutputSnapshot;
import dev.sluice.shuffle.tracker.MapOutputTracker;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the driver answers executors: registrations (it connects back to each executor's listener before it
 * accepts it), heartbeats, task reports, questions about where map outputs and cached blocks are, and requests for
 * the application's jars and the class files of classes only the driver has. Every message from an executor counts
 * as a sign of its life, not only heartbeats. Any other message goes to the
 * {@code next} handler (a cluster manager's messages to the driver).
 */
final class DriverEndpoint implements MessageHandler {
    private final String appId;
    private final ClusterBackend backend;
    private final MapOutputTracker mapOutputs;
    private final TransportClientFactory clients;
    private final ControlSerializer serializer;
    private final CachedBlockTracker cache;
    private final ClassLoader appLoader;
    private final DriverJars jars;
    private final MessageHandler next;

    DriverEndpoint(String appId, ClusterBackend backend, MapOutputTracker mapOutputs, CachedBlockTracker cache,
                   ClassLoader appLoader, DriverJars jars, TransportClientFactory clients, ControlSerializer serializer,
                   MessageHandler next) {
        this.appId = appId;
        this.jars = jars;
        this.next = next;
        this.appLoader = appLoader;
        this.cache = cache;
        this.backend = backend;
        this.mapOutputs = mapOutputs;
        this.clients = clients;
        this.serializer = serializer;
    }

    @Override
    public CompletableFuture<?> onRequest(RequestContext context, Object message) throws Exception {
        backend.heardFrom(context.peer());
        if (message instanceof RegisterExecutor registration) {
            return clients.clientAsync(new InetSocketAddress(registration.host(), registration.port()))
                    .thenApply(client -> {
                        if (!backend.register(registration, new MessageClient(client, serializer), context.peer())) {
                            throw new IllegalStateException("executor " + registration.executorId()
                                    + " was not launched by this driver, or registered already");
                        }
                        return new Registered(appId);
                    });
        }
        if (message instanceof Heartbeat heartbeat) {
            return CompletableFuture.completedFuture(new HeartbeatReply(backend.heartbeat(heartbeat)));
        }
        if (message instanceof GetMapOutputs get) {
            return CompletableFuture.completedFuture(mapOutputs(get.shuffleId()));
        }
        if (message instanceof GetClass get) {
            return CompletableFuture.completedFuture(classFile(get.name()));
        }
        if (message instanceof GetCachedBlock get) {
            return CompletableFuture.completedFuture(cachedBlock(get));
        }
        if (message instanceof GetAppClasspath) {
            return CompletableFuture.completedFuture(jars.listing());
        }
        if (message instanceof FetchAppJar fetch) {
            return CompletableFuture.completedFuture(jars.stream(fetch.index()));
        }
        return next.onRequest(context, message);
    }

    @Override
    public void onMessage(RequestContext context, Object message) throws Exception {
        backend.heardFrom(context.peer());
        if (message instanceof TaskFinished finished) {
            backend.finished(finished);
        } else if (message instanceof TaskFailed failed) {
            backend.failed(failed);
        } else {
            next.onMessage(context, message);
        }
    }

    @Override
    public void onConnectionClosed(RequestContext context) {
        next.onConnectionClosed(context);
    }

    /**
     * The class file of {@code name} as the application's class loader has it (JShell's loader, for one, serves
     * the classes of notebook cells as resources), or an empty one.
     */
    private ClassFile classFile(String name) {
        if (!name.matches("[\\p{javaJavaIdentifierPart}.$]+")) {
            return new ClassFile(new byte[0]);
        }
        try (java.io.InputStream in = appLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return new ClassFile(in == null ? new byte[0] : in.readAllBytes());
        } catch (java.io.IOException e) {
            return new ClassFile(new byte[0]);
        }
    }

    /** A live executor other than the asker that reported holding the block, or an empty location. */
    private CachedBlockLocation cachedBlock(GetCachedBlock get) {
        Map<String, InetSocketAddress> addresses = backend.addresses();
        for (String holder : cache.executorsHolding(get.nodeId(), get.partition())) {
            InetSocketAddress address = addresses.get(holder);
            if (address != null && !holder.equals(get.askingExecutorId())) {
                return new CachedBlockLocation(holder, address.getHostString(), address.getPort());
            }
        }
        return new CachedBlockLocation("", "", 0);
    }

    /** The shuffle's outputs in the wire form; an output whose executor is gone counts as missing. */
    private MapOutputs mapOutputs(int shuffleId) {
        MapOutputSnapshot snapshot = mapOutputs.snapshot(shuffleId);
        Map<String, InetSocketAddress> addresses = backend.addresses();
        int maps = snapshot.statuses().length;
        int reduces = 0;
        for (MapStatus status : snapshot.statuses()) {
            if (status != null) {
                reduces = status.numPartitions();
            }
        }
        long[] lengths = new long[maps * reduces];
        int[] holders = new int[maps];
        List<String> ids = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int mapId = 0; mapId < maps; mapId++) {
            MapStatus status = snapshot.statuses()[mapId];
            String executor = snapshot.executors()[mapId];
            if (status == null || !addresses.containsKey(executor)) {
                holders[mapId] = -1;
                continue;
            }
            holders[mapId] = index.computeIfAbsent(executor, e -> {
                ids.add(e);
                return ids.size() - 1;
            });
            for (int r = 0; r < reduces; r++) {
                lengths[mapId * reduces + r] = status.partitionLength(r);
            }
        }
        String[] hosts = new String[ids.size()];
        int[] ports = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            InetSocketAddress address = addresses.get(ids.get(i));
            hosts[i] = address.getHostString();
            ports[i] = address.getPort();
        }
        return new MapOutputs(shuffleId, reduces, lengths, holders, ids.toArray(String[]::new), hosts, ports);
    }
}
