package dev.sluice.network;

/** The connection a request or stream was using closed before it completed, or was closed when it was sent. */
public final class ConnectionClosedException extends TransportException {

    /** An exception with a message naming the peer and the request. */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /** An exception with a message naming the peer and the request, and what closed the connection. */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
