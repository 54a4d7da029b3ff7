package dev.sluice.network.auth;

import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.protocol.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the handshake. It answers a client's hello with its own nonce and proof, checks the client's
 * proof, and only then installs the handlers that parse requests. Anything else an unauthenticated peer sends is
 * discarded unread and the connection closed; every rejection is logged at WARN with the peer's address.
 */
public final class ServerHandshakeHandler extends HandshakeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHandshakeHandler.class);

    private final SharedSecret secret;
    private byte[] clientNonce;
    private byte[] serverNonce;

    /**
     * A handler for one accepted connection.
     *
     * @param secret the secret clients must prove they hold
     * @param timeout how long a client has to complete the handshake
     * @param readyHandlers adds the handlers of an authenticated connection to the end of the pipeline
     */
    public ServerHandshakeHandler(SharedSecret secret, Duration timeout, Consumer<ChannelPipeline> readyHandlers) {
        super(timeout, readyHandlers);
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    @Override
    void onHandshakeFrame(ChannelHandlerContext ctx, FrameType type, ByteBuf body) {
        if (type == FrameType.CLIENT_HELLO && clientNonce == null) {
            int version = body.readUnsignedByte();
            if (version != HandshakeProtocol.VERSION) {
                fail(ctx, AuthStatus.PROTOCOL_ERROR, "it speaks handshake version " + version + ", this server "
                        + "speaks version " + HandshakeProtocol.VERSION);
                return;
            }
            clientNonce = HandshakeProtocol.readBytes(body, HandshakeProtocol.NONCE_BYTES);
            serverNonce = HandshakeProtocol.newNonce();
            byte[] proof = HandshakeProtocol.serverProof(secret, clientNonce, serverNonce);
            ctx.writeAndFlush(HandshakeProtocol.frame(ctx.alloc(), FrameType.SERVER_CHALLENGE, serverNonce, proof));
        } else if (type == FrameType.CLIENT_PROOF && clientNonce != null) {
            byte[] received = HandshakeProtocol.readBytes(body, HandshakeProtocol.PROOF_BYTES);
            byte[] expected = HandshakeProtocol.clientProof(secret, clientNonce, serverNonce);
            if (!HandshakeProtocol.proofMatches(expected, received)) {
                fail(ctx, AuthStatus.REJECTED, "wrong authentication proof: it does not hold this server's secret");
                return;
            }
            ctx.writeAndFlush(resultFrame(ctx, AuthStatus.OK));
            LOG.debug("Authenticated connection from {}", ctx.channel().remoteAddress());
            succeed(ctx);
        } else {
            fail(ctx, AuthStatus.PROTOCOL_ERROR, "it sent " + type + " out of order");
        }
    }

    @Override
    void onOtherFrame(ChannelHandlerContext ctx, FrameType type, byte code) {
        String what = type != null ? type.name() : "unknown type " + FrameType.describeCode(code);
        fail(ctx, AuthStatus.AUTHENTICATION_REQUIRED, "it sent a " + what + " frame before authenticating "
                + "(this server requires authentication; does the client have the shared secret configured?)");
    }

    @Override
    void onFailure(ChannelHandlerContext ctx, AuthStatus status, String reason) {
        LOG.warn("Rejected connection from {}: {}", ctx.channel().remoteAddress(), reason);
        if (status != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(resultFrame(ctx, status)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    void onClosedEarly(ChannelHandlerContext ctx) {
        String stage = clientNonce == null
                ? "before starting authentication"
                : "after the challenge, without proving it holds the secret (it probably holds a different one)";
        LOG.warn("Connection from {} closed {}", ctx.channel().remoteAddress(), stage);
    }

    private static ByteBuf resultFrame(ChannelHandlerContext ctx, AuthStatus status) {
        return HandshakeProtocol.frame(ctx.alloc(), FrameType.AUTH_RESULT, new byte[] {status.code()});
    }
}
