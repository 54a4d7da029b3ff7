package dev.sluice.network;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.tls.SslContexts;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Opens and pools client connections. {@link #client} keeps one connection per remote address and hands it to
 * every caller (clients are thread-safe); a connection that closed, or failed to open, is replaced by a new one on
 * the next call. Concurrent callers asking for the same address while it is connecting share that one attempt.
 *
 * <p>The factory owns the event loop threads of all its connections; closing it closes them all and fails their
 * pending calls.
 */
public final class TransportClientFactory implements AutoCloseable {

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup("sluice-client-connections",
            GlobalEventExecutor.INSTANCE);
    private final ClientConnector connector;
    private final ConcurrentHashMap<InetSocketAddress, CompletableFuture<TransportClient>> pool =
            new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A factory for connections with these settings; it starts no connection yet.
     *
     * @throws TransportException if TLS is configured and its stores cannot be loaded
     */
    public TransportClientFactory(TransportConfig config) throws TransportException {
        this.config = Objects.requireNonNull(config, "config");
        SslContext sslContext = clientSslContext(config);
        group = NetworkResources.newEventLoopGroup(config.ioThreads(), "sluice-net-client");
        connector = new ClientConnector(config, group, sslContext, connections);
    }

    /**
     * The pooled connection to {@code address}, opening it (and waiting until it is ready) if there is none.
     *
     * @throws TransportException if the connection cannot be opened, authenticated or encrypted
     * @throws InterruptedIOException if interrupted while waiting
     */
    public TransportClient client(InetSocketAddress address) throws IOException {
        return await(clientAsync(address), address);
    }

    /** The pooled connection to {@code address}, as a future completing when it is ready. */
    public CompletableFuture<TransportClient> clientAsync(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (closed) {
            return CompletableFuture.failedFuture(closedException(address));
        }
        CompletableFuture<TransportClient> shared = pool.compute(address,
                (key, existing) -> isReusable(existing) ? existing : openPooled(key));
        return shared.copy();
    }

    /** A new connection to {@code address} that is not pooled; the caller closes it. */
    public CompletableFuture<TransportClient> connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (closed) {
            return CompletableFuture.failedFuture(closedException(address));
        }
        return connector.connect(address);
    }

    private CompletableFuture<TransportClient> openPooled(InetSocketAddress address) {
        CompletableFuture<TransportClient> opening = connector.connect(address);
        opening.whenComplete((client, error) -> {
            if (error != null) {
                pool.remove(address, opening);
            } else {
                client.closeFuture().whenComplete((ignored, closeError) -> pool.remove(address, opening));
            }
        });
        return opening;
    }

    private static boolean isReusable(CompletableFuture<TransportClient> existing) {
        if (existing == null) {
            return false;
        }
        if (!existing.isDone()) {
            return true;
        }
        return !existing.isCompletedExceptionally() && existing.join().isActive();
    }

    private TransportClient await(CompletableFuture<TransportClient> future, InetSocketAddress address)
            throws IOException {
        Duration limit = config.connectTimeout().plus(config.handshakeTimeout()).plusSeconds(1);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new InterruptedIOException("interrupted while connecting to " + address);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new TransportException("Connecting to " + address + " took longer than " + limit.toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransportException transportException) {
                throw transportException;
            }
            throw new TransportException("Cannot connect to " + address + ": " + cause, cause);
        }
    }

    private static TransportException closedException(InetSocketAddress address) {
        return new TransportException("Cannot connect to " + address + ": the client factory is closed");
    }

    private static SslContext clientSslContext(TransportConfig config) throws TransportException {
        if (!config.tlsEnabled()) {
            return null;
        }
        try {
            return SslContexts.forClient(config.tls());
        } catch (SSLException e) {
            throw new TransportException("Cannot set up TLS for clients: " + e.getMessage(), e);
        }
    }

    /** Closes every connection (failing their pending calls) and stops the event loops; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        TransportException closing = new TransportException("the client factory was closed");
        pool.values().forEach(opening -> opening.completeExceptionally(closing));
        pool.clear();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        NetworkResources.shutDown(group);
    }
}
