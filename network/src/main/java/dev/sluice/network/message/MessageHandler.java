package dev.sluice.network.message;

import dev.sluice.network.RequestContext;
import java.util.concurrent.CompletableFuture;

/**
 * The application side of a control-plane server, in terms of decoded messages. Called on the connection's I/O
 * thread like a {@link dev.sluice.network.RequestHandler}: do not block, complete the future from elsewhere.
 */
public interface MessageHandler {

    /**
     * Answers a request message; the reply (which may be null) is encoded with the same serializer, unless it is a
     * {@link dev.sluice.network.Reply}, which is sent as it is (e.g. a stream of bytes). An exception,
     * thrown or in the future, reaches the client as a {@link dev.sluice.network.RemoteException}.
     */
    CompletableFuture<?> onRequest(RequestContext context, Object message) throws Exception;

    /** Receives a one-way message; by default they are refused (and the refusal logged). */
    default void onMessage(RequestContext context, Object message) throws Exception {
        throw new UnsupportedOperationException("this server does not accept one-way messages");
    }

    /** Told when a connection closed. */
    default void onConnectionClosed(RequestContext context) {
    }
}
