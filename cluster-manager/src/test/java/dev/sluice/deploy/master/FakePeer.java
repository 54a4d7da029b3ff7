package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.Ack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A worker or a driver as the master sees it, in memory: it records what it is told and asked, acknowledges every
 * request (unless {@link #answers} says otherwise), and closes when told to.
 */
final class FakePeer implements Peer {
    final String address;
    private final List<Object> told = new ArrayList<>();
    private final List<Object> asked = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The reply to a request: a future of it. */
    Function<Object, CompletableFuture<?>> answers = message -> CompletableFuture.completedFuture(new Ack("ok"));

    FakePeer(String address) {
        this.address = address;
    }

    @Override
    public synchronized void tell(Object message) {
        told.add(message);
    }

    @Override
    public <T> CompletableFuture<T> ask(Object message, Class<T> replyType, Duration timeout) {
        synchronized (this) {
            asked.add(message);
        }
        return answers.apply(message).thenApply(replyType::cast);
    }

    @Override
    public CompletableFuture<?> closed() {
        return closed;
    }

    @Override
    public void close() {
        closed.complete(null);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** The one-way messages of {@code type} it was told, in order. */
    synchronized <T> List<T> told(Class<T> type) {
        return told.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The requests of {@code type} it was asked, in order. */
    synchronized <T> List<T> asked(Class<T> type) {
        return asked.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return "fake peer at " + address;
    }
}
