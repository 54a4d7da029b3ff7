package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.network.message.MessageClient;

import java.util.HashSet;
import java.util.Set;

/**
 * One executor process, as registered, with the ids of the tasks it runs. Its {@code tasks} are guarded by the
 * {@link ClusterBackend}'s lock.
 */
final class ExecutorRef {
    final String id;
    final String host;
    final int port;
    final int cores;
    final long pid;
    final MessageClient client;
    final Set<Long> tasks = new HashSet<>();

    ExecutorRef(RegisterExecutor registration, MessageClient client) {
        this.id = registration.executorId();
        this.host = registration.host();
        this.port = registration.port();
        this.cores = registration.cores();
        this.pid = registration.pid();
        this.client = client;
    }

    int freeSlots() {
        return cores - tasks.size();
    }

    @Override
    public String toString() {
        return "executor " + id + " (pid " + pid + ", " + host + ":" + port + ")";
    }
}
