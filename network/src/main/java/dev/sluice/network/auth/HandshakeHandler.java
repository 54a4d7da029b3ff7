package dev.sluice.network.auth;

import dev.sluice.network.protocol.FrameFormat;
import dev.sluice.network.protocol.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The part of the handshake both sides share: it is the only reader of an unauthenticated connection, parses
 * nothing but the fixed-size handshake frames (a length prefix above {@link HandshakeProtocol#MAX_FRAME_BYTES}
 * ends the handshake before anything is buffered), enforces the handshake timeout, and on success installs the
 * ready connection's handlers and removes itself, handing them whatever bytes followed the handshake.
 */
abstract class HandshakeHandler extends ByteToMessageDecoder {

    private static final int TLS_RECORD_HEADER_BYTES = 5;

    private final Duration timeout;
    private final Consumer<ChannelPipeline> readyHandlers;
    private ScheduledFuture<?> timeoutTask;
    private boolean started;
    private boolean finished;

    HandshakeHandler(Duration timeout, Consumer<ChannelPipeline> readyHandlers) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.readyHandlers = Objects.requireNonNull(readyHandlers, "readyHandlers");
    }

    /** Handles a handshake frame whose body has exactly the size its type requires. */
    abstract void onHandshakeFrame(ChannelHandlerContext ctx, FrameType type, ByteBuf body);

    /** Handles a frame that is not a handshake frame ({@code type} is null for an unknown code). */
    abstract void onOtherFrame(ChannelHandlerContext ctx, FrameType type, byte code);

    /** Ends the handshake with an error the subclass reports; the connection must be closed. */
    abstract void onFailure(ChannelHandlerContext ctx, AuthStatus status, String reason);

    /** The connection closed before the handshake finished. */
    abstract void onClosedEarly(ChannelHandlerContext ctx);

    /** Called once the connection is active (connected), before any frame arrives. */
    void onActive(ChannelHandlerContext ctx) {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        timeoutTask = ctx.executor().schedule(() -> {
            if (!finished) {
                fail(ctx, null, "no completed authentication within " + timeout.toMillis() + " ms");
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        onActive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (finished) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < FrameFormat.LENGTH_FIELD_BYTES) {
            return;
        }
        long frameLength = in.getUnsignedInt(in.readerIndex());
        if (frameLength > HandshakeProtocol.MAX_FRAME_BYTES && in.readableBytes() >= TLS_RECORD_HEADER_BYTES
                && SslHandler.isEncrypted(in, false)) {
            fail(ctx, AuthStatus.PROTOCOL_ERROR, "it speaks TLS, which this side has off (sluice.ssl.enabled must be the same on every "
                    + "process)");
            return;
        }
        if (frameLength < FrameFormat.TYPE_BYTES || frameLength > HandshakeProtocol.MAX_FRAME_BYTES) {
            fail(ctx, AuthStatus.PROTOCOL_ERROR, "frame length prefix claims " + frameLength
                    + " bytes, the limit during authentication is " + HandshakeProtocol.MAX_FRAME_BYTES + " bytes");
            return;
        }
        if (in.readableBytes() < FrameFormat.LENGTH_FIELD_BYTES + frameLength) {
            return;
        }
        in.skipBytes(FrameFormat.LENGTH_FIELD_BYTES);
        byte code = in.readByte();
        ByteBuf body = in.readSlice((int) frameLength - FrameFormat.TYPE_BYTES);
        FrameType type = FrameType.fromCode(code);
        if (type == null || !type.isHandshake()) {
            onOtherFrame(ctx, type, code);
            return;
        }
        int expected = HandshakeProtocol.bodyBytes(type);
        if (body.readableBytes() != expected) {
            fail(ctx, AuthStatus.PROTOCOL_ERROR, type + " frame has " + body.readableBytes() + " body bytes, "
                    + "expected " + expected);
            return;
        }
        onHandshakeFrame(ctx, type, body);
    }

    /** Completes the handshake: installs the ready connection's handlers and steps out of the pipeline. */
    final void succeed(ChannelHandlerContext ctx) {
        finish();
        readyHandlers.accept(ctx.pipeline());
        ctx.pipeline().remove(this);
    }

    /** Ends the handshake unsuccessfully; what follows is discarded unread. */
    final void fail(ChannelHandlerContext ctx, AuthStatus status, String reason) {
        if (finished) {
            return;
        }
        finish();
        onFailure(ctx, status, reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!finished) {
            finish();
            onClosedEarly(ctx);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, null, "connection error during authentication: " + cause);
        ctx.close();
    }

    private void finish() {
        finished = true;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
    }
}
