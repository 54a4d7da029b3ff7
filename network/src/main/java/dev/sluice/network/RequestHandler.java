package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * The application side of a {@link TransportServer}. Methods are called on the connection's I/O thread, one
 * frame at a time and in arrival order per connection, and must not block: slow work belongs on another executor,
 * with the returned future completed from there.
 *
 * <p>The payload buffer is only valid during the call; the transport releases it afterwards. Retain it (or a
 * slice) to use it later, and release what you retained.
 */
public interface RequestHandler {

    /**
     * Answers a request. A future completed exceptionally, or an exception thrown here, becomes an error response
     * carrying the exception's type and message; the client's future fails with a {@link RemoteException}.
     *
     * @param context the connection the request came in on
     * @param payload the request's bytes, valid during this call only
     * @return the reply; its buffer or stream belongs to the transport once the future completes
     */
    CompletableFuture<Reply> onRequest(RequestContext context, ByteBuf payload) throws Exception;

    /**
     * Receives a one-way message. An exception is logged and otherwise ignored; by default one-way messages are
     * refused that way.
     *
     * @param context the connection the message came in on
     * @param payload the message's bytes, valid during this call only
     */
    default void onMessage(RequestContext context, ByteBuf payload) throws Exception {
        throw new UnsupportedOperationException("this server does not accept one-way messages");
    }

    /** Told when a ready connection closed; requests still running on it can no longer be answered. */
    default void onConnectionClosed(RequestContext context) {
    }
}
