/**
 * The mutual challenge-response handshake that authenticates every connection before anything else is parsed.
 * The handshake handlers are the only readers of an unauthenticated connection; they add the handlers of a ready
 * connection (given to them by the caller) only once both sides have proved the shared secret.
 */
package dev.sluice.network.auth;
