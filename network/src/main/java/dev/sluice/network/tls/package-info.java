/** TLS for the transport: {@link io.netty.handler.ssl.SslContext}s built from a TLS configuration. */
package dev.sluice.network.tls;
