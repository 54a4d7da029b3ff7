/**
 * One Netty transport for executors, the driver and the block service.
 *
 * <p>{@link dev.sluice.network.TransportServer} listens and hands requests to a
 * {@link dev.sluice.network.RequestHandler}; {@link dev.sluice.network.TransportClientFactory} opens and pools
 * {@link dev.sluice.network.TransportClient}s, which send requests (replies matched by id, each with a timeout),
 * one-way messages, and requests for streamed replies consumed chunk by chunk with back-pressure. Every connection
 * is length-framed with a size limit checked before anything is buffered, optionally encrypted with TLS, and
 * authenticated with a shared secret before any other byte is parsed.
 *
 * <p>Buffers are pooled and direct; whoever holds a buffer owns it, and the Javadoc of every method taking or
 * handing out one says who releases it.
 *
 * <p>Packages: {@code config} (settings) and {@code protocol} (wire frames) depend on nothing else here;
 * {@code auth} and {@code tls} depend on those; this package depends on all four; {@code serialization}
 * (Kryo control messages) depends on nothing here, and {@code message} (typed RPC) on this package and
 * {@code serialization}.
 */
package dev.sluice.network;
