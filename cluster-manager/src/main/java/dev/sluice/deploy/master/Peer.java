package dev.sluice.deploy.master;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A process the master sends messages to: a worker or an application's driver. {@link RemotePeer} is one over the
 * network; tests use fakes that record what they are told.
 */
interface Peer {

    /** Sends a one-way message. */
    void tell(Object message);

    /** Sends a request; its reply must be a {@code replyType}, within {@code timeout}. */
    <T> CompletableFuture<T> ask(Object message, Class<T> replyType, Duration timeout);

    /** Completes when the connection to the peer closes. */
    CompletableFuture<?> closed();

    /** Closes the connection. It may wait for a network thread: never call it under the master's lock. */
    void close();

    /** Opens connections to peers; a peer the master cannot reach fails the future. */
    @FunctionalInterface
    interface Connector {
        /** Connects to the peer listening at {@code host:port}. */
        CompletableFuture<Peer> connect(String host, int port);
    }
}
