package dev.sluice.network;

import dev.sluice.network.auth.AuthStatus;
import dev.sluice.network.auth.ClientHandshakeHandler;
import dev.sluice.network.auth.HandshakeException;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.protocol.FrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Opens one connection and completes its future only when the connection is ready: TCP connected, the TLS
 * handshake done (if configured) and the authentication handshake done (if configured). A failure of any step
 * closes the connection and fails the future with a {@link TransportException} naming the peer and the step.
 */
final class ClientConnector {

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final SslContext sslContext;
    private final ChannelGroup connections;
    private final FrameEncoder encoder;

    ClientConnector(TransportConfig config, EventLoopGroup group, SslContext sslContext, ChannelGroup connections) {
        this.config = config;
        this.group = group;
        this.sslContext = sslContext;
        this.connections = connections;
        this.encoder = new FrameEncoder(config.maxFrameBytes());
    }

    CompletableFuture<TransportClient> connect(InetSocketAddress address) {
        ConnectionAttempt attempt = new ConnectionAttempt(address);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, NetworkResources.ALLOCATOR)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        attempt.setUp(channel);
                    }
                });
        ChannelFuture connected = bootstrap.connect(address);
        connected.addListener(future -> {
            if (future.isSuccess()) {
                attempt.stepDone();
            } else {
                attempt.fail(new TransportException("Cannot connect to " + address + ": " + future.cause(),
                        future.cause()));
            }
        });
        return attempt.ready;
    }

    /** The state of one connection being opened: how many readiness steps remain, and the client to hand out. */
    private final class ConnectionAttempt {
        private final InetSocketAddress address;
        private final CompletableFuture<TransportClient> ready = new CompletableFuture<>();
        private volatile SocketChannel channel;
        private volatile TransportClient client;
        private final AtomicInteger stepsLeft = new AtomicInteger(1);

        ConnectionAttempt(InetSocketAddress address) {
            this.address = address;
        }

        void setUp(SocketChannel newChannel) {
            channel = newChannel;
            connections.add(newChannel);
            PendingCalls pending = new PendingCalls(newChannel.eventLoop());
            ResponseDispatcher dispatcher = new ResponseDispatcher(pending);
            client = new TransportClient(newChannel, address, pending, dispatcher, config);
            ChannelPipeline pipeline = newChannel.pipeline();
            if (sslContext != null) {
                SslHandler tls = sslContext.newHandler(newChannel.alloc(), address.getHostString(), address.getPort());
                tls.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                pipeline.addLast(ReadyPipeline.TLS, tls);
                stepsLeft.incrementAndGet();
                tls.handshakeFuture().addListener(future -> {
                    if (future.isSuccess()) {
                        stepDone();
                    } else if (ErrorMessages.unwrapDecoder(future.cause()) instanceof NotSslRecordException) {
                        fail(new TlsRequiredException("TLS handshake with " + address + " failed: the server does "
                                + "not speak TLS, which this client requires (sluice.ssl.enabled must be the same on "
                                + "every process)", future.cause()));
                    } else {
                        fail(new TransportException("TLS handshake with " + address + " failed: " + future.cause(),
                                future.cause()));
                    }
                });
            }
            Consumer<ChannelPipeline> readyHandlers = ready -> ReadyPipeline.install(ready, config, encoder,
                    dispatcher);
            if (config.authenticationEnabled()) {
                stepsLeft.incrementAndGet();
                CompletableFuture<Void> authenticated = new CompletableFuture<>();
                pipeline.addLast(ReadyPipeline.AUTHENTICATION, new ClientHandshakeHandler(config.secret(),
                        config.handshakeTimeout(), readyHandlers, authenticated));
                authenticated.whenComplete((ignored, error) -> {
                    if (error == null) {
                        stepDone();
                    } else if (error instanceof HandshakeException handshake
                            && handshake.status() == AuthStatus.TLS_REQUIRED) {
                        fail(new TlsRequiredException("The server at " + address + " requires TLS, which this "
                                + "client has off (sluice.ssl.enabled=true, with the cluster's key and trust stores, "
                                + "on every process)", error));
                    } else {
                        fail(error instanceof HandshakeException
                                ? new AuthenticationException(error.getMessage(), error)
                                : new TransportException("Authentication with " + address + " failed: " + error,
                                        error));
                    }
                });
            } else {
                readyHandlers.accept(pipeline);
            }
        }

        /** One readiness step (connect, TLS, authentication) is done; the last one hands out the client. */
        void stepDone() {
            if (stepsLeft.decrementAndGet() == 0 && !ready.complete(client)) {
                channel.close();
            }
        }

        void fail(TransportException error) {
            if (ready.completeExceptionally(error) && channel != null) {
                channel.close();
            }
        }
    }
}
