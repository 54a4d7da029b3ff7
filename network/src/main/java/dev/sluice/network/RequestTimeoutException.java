package dev.sluice.network;

import java.net.SocketAddress;
import java.time.Duration;

/** A request got no response (or a stream no next chunk) from its peer within its timeout. */
public final class RequestTimeoutException extends TransportException {

    private final SocketAddress peer;
    private final Duration timeout;

    /** A timeout of {@code what} (e.g. "Request 12") sent to {@code peer}. */
    public RequestTimeoutException(String what, SocketAddress peer, Duration timeout) {
        super(what + " to " + peer + " timed out after " + timeout.toMillis() + " ms");
        this.peer = peer;
        this.timeout = timeout;
    }

    /** The peer that did not answer. */
    public SocketAddress peer() {
        return peer;
    }

    /** The timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}
