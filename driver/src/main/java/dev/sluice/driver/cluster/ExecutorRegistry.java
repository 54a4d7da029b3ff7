package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.network.liveness.SilenceDetector;
import dev.sluice.network.message.MessageClient;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which executors the driver knows: the ids allowed to register, the registered executors (in registration order)
 * and whether each is alive (a {@link SilenceDetector} over every sign of life: heartbeats, reports, any message
 * on its connection).
 *
 * <p>Not thread-safe but for {@link #heard} and {@link #heardFrom}, which network threads call without a lock: the
 * {@link ClusterBackend} calls the rest under its lock, which also guards the tasks it runs on these executors.
 */
final class ExecutorRegistry {
    private final SilenceDetector<String> liveness;
    private final boolean replacementsComing;
    private final Map<String, ExecutorRef> executors = new LinkedHashMap<>();
    /** Registered executors by the address of their connection to the driver, to count any message as life. */
    private final Map<SocketAddress, String> executorsByPeer = new ConcurrentHashMap<>();
    private final Set<String> expected = new HashSet<>();

    /**
     * @param replacementsComing whether lost executors are replaced, so that having none left is not final
     */
    ExecutorRegistry(SilenceDetector<String> liveness, boolean replacementsComing) {
        this.liveness = liveness;
        this.replacementsComing = replacementsComing;
    }

    /** Allows an executor id to register. */
    void expect(String executorId) {
        expected.add(executorId);
    }

    /**
     * Registers an executor whose id was expected (once) and starts its liveness deadline; null if it was not.
     *
     * @param peer the address of the executor's own connection to the driver, or null
     */
    ExecutorRef register(RegisterExecutor registration, MessageClient client, SocketAddress peer) {
        if (!expected.remove(registration.executorId())) {
            return null;
        }
        ExecutorRef executor = new ExecutorRef(registration, client);
        executors.put(executor.id, executor);
        liveness.start(executor.id);
        if (peer != null) {
            executorsByPeer.put(peer, executor.id);
        }
        return executor;
    }

    /** Forgets an executor, expected or registered; returns it if it was registered, else null. */
    ExecutorRef remove(String executorId) {
        expected.remove(executorId);
        liveness.forget(executorId);
        ExecutorRef executor = executors.remove(executorId);
        if (executor != null) {
            executorsByPeer.values().remove(executorId);
        }
        return executor;
    }

    boolean isRegistered(String executorId) {
        return executors.containsKey(executorId);
    }

    int size() {
        return executors.size();
    }

    /** The registered executors, in registration order: a view, to copy before registering or removing one. */
    Collection<ExecutorRef> all() {
        return executors.values();
    }

    /** The registered executors' ids. */
    List<String> ids() {
        return List.copyOf(executors.keySet());
    }

    /** The (unresolved) addresses of the registered executors' listeners, by id. */
    Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> out = new HashMap<>();
        executors.values().forEach(e -> out.put(e.id, InetSocketAddress.createUnresolved(e.host, e.port)));
        return out;
    }

    /** How many tasks the registered executors can run at once. */
    int totalSlots() {
        int slots = 0;
        for (ExecutorRef executor : executors.values()) {
            slots += executor.cores;
        }
        return slots;
    }

    /** Whether every executor was lost and none is starting or coming: queued tasks would wait forever. */
    boolean noneLeft() {
        return executors.isEmpty() && expected.isEmpty() && !replacementsComing;
    }

    /** A sign of life from {@code executorId}. Thread-safe. */
    void heard(String executorId) {
        liveness.heard(executorId);
    }

    /** A message arrived on the connection from {@code peer}: if that is an executor's, it is alive. Thread-safe. */
    void heardFrom(SocketAddress peer) {
        String executorId = executorsByPeer.get(peer);
        if (executorId != null) {
            liveness.heard(executorId);
        }
    }

    /** The executors silent for longer than the timeout. */
    List<String> silent() {
        return liveness.silentPeers();
    }

    /** How long an executor may stay silent. */
    Duration timeout() {
        return liveness.timeout();
    }
}
