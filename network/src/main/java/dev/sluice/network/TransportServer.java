package dev.sluice.network;

import dev.sluice.network.auth.ServerHandshakeHandler;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.protocol.FrameEncoder;
import dev.sluice.network.tls.SslContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening endpoint of the transport. Every accepted connection goes through TLS (if configured: a peer that
 * does not speak TLS is told so and disconnected, see {@link TlsDetector}), then the
 * authentication handshake (if a secret is configured), and only then gets the handlers that parse requests and
 * pass them to the {@link RequestHandler}: a peer that has not authenticated can make the server parse nothing but
 * handshake frames.
 *
 * <p>Binds to {@link TransportConfig#bindHost()} (loopback by default); with port 0 the system picks a free port,
 * which {@link #port()} reports. Closing stops accepting, closes every connection and stops the event loops.
 */
public final class TransportServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransportServer.class);

    private final TransportConfig config;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ChannelGroup connections = new DefaultChannelGroup("sluice-server-connections",
            GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TransportServer(TransportConfig config, RequestHandler handler) throws TransportException {
        this.config = config;
        SslContext sslContext = serverSslContext(config);
        FrameEncoder encoder = new FrameEncoder(config.maxFrameBytes());
        acceptGroup = NetworkResources.newEventLoopGroup(1, "sluice-net-accept");
        ioGroup = NetworkResources.newEventLoopGroup(config.ioThreads(), "sluice-net-server");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, NetworkResources.ALLOCATOR)
                .childOption(ChannelOption.ALLOCATOR, NetworkResources.ALLOCATOR)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        setUpConnection(channel, sslContext, encoder, handler);
                    }
                });
        ChannelFuture bound = bootstrap.bind(config.bindHost(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            NetworkResources.shutDown(ioGroup);
            NetworkResources.shutDown(acceptGroup);
            throw new TransportException("Cannot listen on " + config.bindHost() + ":" + config.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
        LOG.info("Transport server listening on {} (authentication {}, TLS {})", serverChannel.localAddress(),
                config.authenticationEnabled() ? "on" : "OFF", config.tlsEnabled() ? "on" : "off");
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @throws TransportException if the address cannot be bound or the TLS stores cannot be loaded
     */
    public static TransportServer start(TransportConfig config, RequestHandler handler) throws TransportException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        return new TransportServer(config, handler);
    }

    private void setUpConnection(SocketChannel channel, SslContext sslContext, FrameEncoder encoder,
                                 RequestHandler handler) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        boolean authenticated = config.authenticationEnabled();
        if (sslContext != null) {
            pipeline.addLast(ReadyPipeline.TLS, new TlsDetector(() -> {
                SslHandler tls = sslContext.newHandler(channel.alloc());
                tls.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                return tls;
            }, authenticated));
        }
        RequestContext context = new RequestContext(channel.remoteAddress(), authenticated, sslContext != null);
        Consumer<ChannelPipeline> readyHandlers = ready -> ReadyPipeline.install(ready, config, encoder,
                new RequestDispatcher(handler, context, config));
        if (authenticated) {
            pipeline.addLast(ReadyPipeline.AUTHENTICATION,
                    new ServerHandshakeHandler(config.secret(), config.handshakeTimeout(), readyHandlers));
        } else {
            readyHandlers.accept(pipeline);
        }
    }

    private static SslContext serverSslContext(TransportConfig config) throws TransportException {
        if (!config.tlsEnabled()) {
            return null;
        }
        try {
            return SslContexts.forServer(config.tls());
        } catch (SSLException e) {
            throw new TransportException("Cannot set up TLS for the server: " + e.getMessage(), e);
        }
    }

    /** The address the server actually listens on, with the real port. */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return boundAddress().getPort();
    }

    /** The address peers should dial: the advertised host (or bind host) with the real port. */
    public InetSocketAddress advertisedAddress() {
        String host = config.hostToAdvertise();
        if (config.advertisedHost() == null && boundAddress().getAddress().isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                LOG.debug("Cannot resolve the local host name; advertising the wildcard address", e);
            }
        }
        return InetSocketAddress.createUnresolved(host, port());
    }

    /** The number of open connections, authenticated or not. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops listening, closes every connection and shuts the event loops down; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        NetworkResources.shutDown(ioGroup);
        NetworkResources.shutDown(acceptGroup);
        LOG.info("Transport server on {} closed", serverChannel.localAddress());
    }

    @Override
    public String toString() {
        return "TransportServer[" + serverChannel.localAddress() + "]";
    }
}
