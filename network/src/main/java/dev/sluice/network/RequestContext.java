package dev.sluice.network;

import java.net.SocketAddress;

/**
 * What a server knows about the connection a request or message came in on.
 *
 * @param peer the remote address of the connection
 * @param authenticated whether the peer proved it holds the shared secret (false only when the server runs
 *     without authentication)
 * @param encrypted whether the connection is encrypted with TLS
 * @param problems the log of what the peer did wrong on this connection (logged once, then counted)
 */
public record RequestContext(SocketAddress peer, boolean authenticated, boolean encrypted, PeerProblems problems) {

    /** The context of a new connection, with an empty problem log. */
    public RequestContext(SocketAddress peer, boolean authenticated, boolean encrypted) {
        this(peer, authenticated, encrypted, new PeerProblems(peer));
    }
}
