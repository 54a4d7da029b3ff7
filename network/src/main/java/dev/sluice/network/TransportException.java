package dev.sluice.network;

import java.io.IOException;

/** A request, stream or connection of the transport failed; the message names the peer and what happened. */
public class TransportException extends IOException {

    /** An exception with a message naming the peer and what failed. */
    public TransportException(String message) {
        super(message);
    }

    /** An exception with a message naming the peer and what failed, and its cause. */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
