package dev.sluice.network;

import java.net.SocketAddress;

/**
 * The remote side failed a request: its handler threw or its reply could not be sent. Only the remote error's
 * message crosses the wire, never the exception object, so nothing of the peer's choosing is instantiated here.
 */
public final class RemoteException extends TransportException {

    private final SocketAddress peer;
    private final String remoteMessage;

    /** A failure of request {@code requestId} reported by {@code peer} with {@code remoteMessage}. */
    public RemoteException(SocketAddress peer, long requestId, String remoteMessage) {
        super("Request " + requestId + " failed on " + peer + ": " + remoteMessage);
        this.peer = peer;
        this.remoteMessage = remoteMessage;
    }

    /** The peer that reported the failure. */
    public SocketAddress peer() {
        return peer;
    }

    /** The error message as the peer sent it. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
