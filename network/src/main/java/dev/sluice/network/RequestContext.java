package dev.sluice.network;

import java.net.SocketAddress;

/**
 * What a server knows about the connection a request or message came in on.
 *
 * @param peer the remote address of the connection
 * @param authenticated whether the peer proved it holds the shared secret (false only when the server runs
 *     without authentication)
 * @param encrypted whether the connection is encrypted with TLS
 */
public record RequestContext(SocketAddress peer, boolean authenticated, boolean encrypted) {
}
