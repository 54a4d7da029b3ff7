package dev.sluice.network.auth;

import java.io.IOException;

/** The authentication handshake of a connection did not complete; the message says why and with whom. */
public final class HandshakeException extends IOException {

    private final transient AuthStatus status;

    /** An exception with a message naming the peer and the reason. */
    public HandshakeException(String message) {
        this(message, (AuthStatus) null);
    }

    /** An exception with a message naming the peer and the reason, and the status the server reported. */
    public HandshakeException(String message, AuthStatus status) {
        super(message);
        this.status = status;
    }

    /** An exception with a message naming the peer and the reason, and its cause. */
    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
        this.status = null;
    }

    /** The status the server's {@code AUTH_RESULT} reported, or {@code null} if it reported none. */
    public AuthStatus status() {
        return status;
    }
}
