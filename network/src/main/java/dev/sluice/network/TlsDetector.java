package dev.sluice.network;

import dev.sluice.network.auth.AuthStatus;
import dev.sluice.network.protocol.FrameFormat;
import dev.sluice.network.protocol.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a server connection that requires TLS. It looks at the first bytes a peer sends: a TLS
 * record hands the connection (and those bytes) to the {@link SslHandler}; anything else is a peer without TLS,
 * which is told so in the one frame it can read, a plaintext {@code AUTH_RESULT} of
 * {@link AuthStatus#TLS_REQUIRED} (when it expects the authentication handshake), is logged once with its address,
 * and is disconnected. Nothing the peer sent is parsed beyond the five bytes of a record header.
 */
final class TlsDetector extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(TlsDetector.class);
    private static final int RECORD_HEADER_BYTES = 5;

    private final Supplier<SslHandler> tls;
    private final boolean answerHandshake;

    /**
     * A handler for one accepted connection.
     *
     * @param tls makes the connection's TLS handler
     * @param answerHandshake whether a plaintext peer is told {@code TLS_REQUIRED} in an {@code AUTH_RESULT} frame
     *     (the server authenticates, so a Sluice client waits for one)
     */
    TlsDetector(Supplier<SslHandler> tls, boolean answerHandshake) {
        this.tls = tls;
        this.answerHandshake = answerHandshake;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER_BYTES) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            ctx.pipeline().replace(this, ReadyPipeline.TLS, tls.get());
            return;
        }
        in.skipBytes(in.readableBytes());
        if (ctx.pipeline().get(ReadyPipeline.AUTHENTICATION) != null) {
            ctx.pipeline().remove(ReadyPipeline.AUTHENTICATION); // this is the one log line about this peer
        }
        LOG.warn("Rejected connection from {}: it does not speak TLS, which this server requires (every process "
                + "needs sluice.ssl.enabled=true and the cluster's key and trust stores)", ctx.channel().remoteAddress());
        if (answerHandshake && ctx.channel().isActive()) {
            ByteBuf frame = ctx.alloc().buffer(FrameFormat.LENGTH_FIELD_BYTES + FrameFormat.TYPE_BYTES + 1);
            frame.writeInt(FrameFormat.TYPE_BYTES + 1).writeByte(FrameType.AUTH_RESULT.code())
                    .writeByte(AuthStatus.TLS_REQUIRED.code());
            ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
