package dev.sluice.network;

/**
 * A connection could not be authenticated: the peers hold different secrets, one of them has none, or the peer
 * did not finish the handshake in time.
 */
public final class AuthenticationException extends TransportException {

    /** An exception with a message naming the peer and the reason. */
    public AuthenticationException(String message) {
        super(message);
    }

    /** An exception with a message naming the peer and the reason, and its cause. */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
