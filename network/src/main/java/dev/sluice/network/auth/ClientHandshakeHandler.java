package dev.sluice.network.auth;

import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.protocol.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the handshake. It sends its nonce, checks that the server's proof was made with the same
 * secret (so a client never talks to a server that merely accepts everyone), proves the secret in turn and waits
 * for the server's verdict. The outcome completes {@code result}: normally, or with a {@link HandshakeException}
 * naming the server and the reason.
 */
public final class ClientHandshakeHandler extends HandshakeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientHandshakeHandler.class);

    private final SharedSecret secret;
    private final CompletableFuture<Void> result;
    private byte[] clientNonce;
    private boolean proofSent;

    /**
     * A handler for one outgoing connection.
     *
     * @param secret the secret both sides must hold
     * @param timeout how long the server has to complete the handshake
     * @param readyHandlers adds the handlers of an authenticated connection to the end of the pipeline
     * @param result completed when the handshake succeeds or fails
     */
    public ClientHandshakeHandler(SharedSecret secret, Duration timeout, Consumer<ChannelPipeline> readyHandlers,
                                  CompletableFuture<Void> result) {
        super(timeout, readyHandlers);
        this.secret = Objects.requireNonNull(secret, "secret");
        this.result = Objects.requireNonNull(result, "result");
    }

    @Override
    void onActive(ChannelHandlerContext ctx) {
        clientNonce = HandshakeProtocol.newNonce();
        ctx.writeAndFlush(HandshakeProtocol.frame(ctx.alloc(), FrameType.CLIENT_HELLO,
                new byte[] {HandshakeProtocol.VERSION}, clientNonce));
    }

    @Override
    void onHandshakeFrame(ChannelHandlerContext ctx, FrameType type, ByteBuf body) {
        if (type == FrameType.SERVER_CHALLENGE && clientNonce != null && !proofSent) {
            byte[] serverNonce = HandshakeProtocol.readBytes(body, HandshakeProtocol.NONCE_BYTES);
            byte[] received = HandshakeProtocol.readBytes(body, HandshakeProtocol.PROOF_BYTES);
            byte[] expected = HandshakeProtocol.serverProof(secret, clientNonce, serverNonce);
            if (!HandshakeProtocol.proofMatches(expected, received)) {
                fail(ctx, AuthStatus.REJECTED, "the server could not prove it holds the shared secret "
                        + "(the two sides have different secrets)");
                return;
            }
            proofSent = true;
            ctx.writeAndFlush(HandshakeProtocol.frame(ctx.alloc(), FrameType.CLIENT_PROOF,
                    HandshakeProtocol.clientProof(secret, clientNonce, serverNonce)));
        } else if (type == FrameType.AUTH_RESULT && proofSent) {
            int code = body.readUnsignedByte();
            AuthStatus status = AuthStatus.fromCode(code);
            if (status != AuthStatus.OK) {
                fail(ctx, status, "the server refused authentication: " + (status != null ? status : code));
                return;
            }
            succeed(ctx);
            result.complete(null);
        } else if (type == FrameType.AUTH_RESULT) {
            int code = body.readUnsignedByte();
            AuthStatus status = AuthStatus.fromCode(code);
            fail(ctx, status, status == AuthStatus.TLS_REQUIRED
                    ? "the server requires TLS, which this client has off"
                    : "the server refused the connection: " + (status != null ? status : code));
        } else {
            fail(ctx, AuthStatus.PROTOCOL_ERROR, "the server sent " + type + " out of order");
        }
    }

    @Override
    void onOtherFrame(ChannelHandlerContext ctx, FrameType type, byte code) {
        String what = type != null ? type.name() : "unknown type " + FrameType.describeCode(code);
        fail(ctx, AuthStatus.PROTOCOL_ERROR, "the server sent a " + what + " frame during authentication");
    }

    @Override
    void onFailure(ChannelHandlerContext ctx, AuthStatus status, String reason) {
        String message = "Authentication with " + ctx.channel().remoteAddress() + " failed: " + reason;
        if (status == AuthStatus.REJECTED) {
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
        result.completeExceptionally(new HandshakeException(message, status));
        ctx.close();
    }

    @Override
    void onClosedEarly(ChannelHandlerContext ctx) {
        result.completeExceptionally(new HandshakeException("Connection to " + ctx.channel().remoteAddress()
                + " closed during authentication (does the server use the same shared secret and TLS setting?)"));
    }
}
