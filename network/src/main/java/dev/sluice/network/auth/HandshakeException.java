package dev.sluice.network.auth;

import java.io.IOException;

/** The authentication handshake of a connection did not complete; the message says why and with whom. */
public final class HandshakeException extends IOException {

    /** An exception with a message naming the peer and the reason. */
    public HandshakeException(String message) {
        super(message);
    }

    /** An exception with a message naming the peer and the reason, and its cause. */
    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
