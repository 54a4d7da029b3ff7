package dev.sluice.network;

/**
 * A connection failed because the two sides disagree about TLS: the server requires it and this side has it off,
 * or this side requires it and the server does not speak it. Retrying does not help; the message names the peer
 * and which side needs its setting changed.
 */
public final class TlsRequiredException extends TransportException {

    /** An exception with a message naming the peer and the mismatch. */
    public TlsRequiredException(String message) {
        super(message);
    }

    /** An exception with a message naming the peer and the mismatch, and its cause. */
    public TlsRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
