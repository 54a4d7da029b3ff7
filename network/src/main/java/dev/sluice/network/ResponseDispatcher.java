package dev.sluice.network;

import dev.sluice.network.protocol.ErrorResponseFrame;
import dev.sluice.network.protocol.Frame;
import dev.sluice.network.protocol.FrameType;
import dev.sluice.network.protocol.ResponseFrame;
import dev.sluice.network.protocol.StrayHandshakeFrame;
import dev.sluice.network.protocol.StreamChunkFrame;
import dev.sluice.network.protocol.StreamEndFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of a ready connection: matches responses, errors and stream chunks to the pending calls by
 * request id, drops (and logs at debug) replies nobody waits for any more, pauses reading while a stream listener
 * asks for it, and fails every pending call when the connection closes. Every frame it receives is released here.
 */
final class ResponseDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseDispatcher.class);

    private final PendingCalls pending;
    private volatile String localCloseReason;
    private volatile Throwable failure;
    private volatile long lastFrameNanos = System.nanoTime();
    private int pausesOutstanding;

    ResponseDispatcher(PendingCalls pending) {
        this.pending = pending;
    }

    /** {@link System#nanoTime()} when the server last sent a frame (or when the connection became ready). */
    long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** Records why this side is closing the connection, for the messages of the calls it fails. */
    void closingLocally(String reason) {
        localCloseReason = reason;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        lastFrameNanos = System.nanoTime();
        if (message instanceof ResponseFrame response) {
            try {
                onResponse(ctx, response);
            } finally {
                response.release();
            }
        } else if (message instanceof StreamChunkFrame chunk) {
            try {
                onChunk(ctx, chunk);
            } finally {
                chunk.release();
            }
        } else if (message instanceof ErrorResponseFrame error) {
            onError(ctx, error);
        } else if (message instanceof StreamEndFrame end) {
            onEnd(ctx, end);
        } else if (message instanceof StrayHandshakeFrame stray) {
            onStrayHandshake(ctx, stray);
        } else {
            ReferenceCountUtil.release(message);
            String type = message instanceof Frame frame ? frame.type().name() : message.getClass().getName();
            closeForViolation(ctx, "the server sent a " + type + " frame, which only clients send");
        }
    }

    private void onResponse(ChannelHandlerContext ctx, ResponseFrame response) {
        PendingCall call = pending.remove(response.requestId());
        if (call == null) {
            dropLate(ctx, "response", response.requestId());
        } else if (call instanceof PendingUnaryCall unary) {
            unary.complete(response.body());
        } else {
            PendingStreamCall stream = (PendingStreamCall) call;
            if (deliver(ctx, stream, response.body(), false)) {
                stream.complete();
            }
        }
    }

    private void onChunk(ChannelHandlerContext ctx, StreamChunkFrame chunk) {
        PendingCall call = pending.get(chunk.requestId());
        if (call == null) {
            dropLate(ctx, "stream chunk", chunk.requestId());
        } else if (call instanceof PendingStreamCall stream) {
            deliver(ctx, stream, chunk.body(), true);
        } else {
            pending.forget(call);
            call.fail(new TransportException(ctx.channel().remoteAddress() + " answered request "
                    + call.requestId() + " with a stream; read such replies with requestStream"));
        }
    }

    private void onError(ChannelHandlerContext ctx, ErrorResponseFrame error) {
        PendingCall call = pending.remove(error.requestId());
        if (call == null) {
            dropLate(ctx, "error response", error.requestId());
        } else {
            call.fail(new RemoteException(ctx.channel().remoteAddress(), error.requestId(), error.message()));
        }
    }

    private void onEnd(ChannelHandlerContext ctx, StreamEndFrame end) {
        PendingCall call = pending.remove(end.requestId());
        if (call == null) {
            dropLate(ctx, "stream end", end.requestId());
        } else if (call instanceof PendingStreamCall stream) {
            stream.complete();
        } else {
            call.fail(new TransportException(ctx.channel().remoteAddress() + " ended a stream for request "
                    + call.requestId() + ", which expected a single response"));
        }
    }

    /**
     * Hands one chunk to the stream's listener, pausing the connection if the listener asks to. Returns whether
     * the stream is still alive (the listener did not fail).
     */
    private boolean deliver(ChannelHandlerContext ctx, PendingStreamCall stream, ByteBuf chunk, boolean moreToCome) {
        stream.cancelTimer();
        int bytes = chunk.readableBytes();
        CompletionStage<?> stage;
        try {
            stage = stream.listener().onChunk(chunk);
        } catch (Throwable t) {
            abandon(ctx, stream, t);
            return false;
        }
        stream.addBytes(bytes);
        if (isDoneNormally(stage)) {
            if (moreToCome && !stream.isPaused()) {
                pending.armTimeout(stream);
            }
            return true;
        }
        if (!moreToCome) {
            return true;
        }
        stream.pauseStarted();
        pause(ctx);
        stage.whenComplete((ignored, error) -> onEventLoop(ctx, () -> {
            resume(ctx);
            boolean unpaused = stream.pauseEnded();
            if (error != null) {
                abandon(ctx, stream, error);
            } else if (unpaused && pending.get(stream.requestId()) == stream) {
                pending.armTimeout(stream);
            }
        }));
        return true;
    }

    private static boolean isDoneNormally(CompletionStage<?> stage) {
        if (stage == null) {
            return true;
        }
        return stage instanceof CompletableFuture<?> future && future.isDone() && !future.isCompletedExceptionally();
    }

    private void abandon(ChannelHandlerContext ctx, PendingStreamCall stream, Throwable error) {
        pending.forget(stream);
        stream.fail(new TransportException(stream.describe() + " from " + ctx.channel().remoteAddress()
                + " was abandoned: its listener failed with " + error, error));
    }

    private void pause(ChannelHandlerContext ctx) {
        if (pausesOutstanding++ == 0) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        if (--pausesOutstanding == 0) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return;
        }
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Event loop of {} is shut down; dropping a stream resumption", ctx.channel().remoteAddress());
        }
    }

    private static void dropLate(ChannelHandlerContext ctx, String what, long requestId) {
        LOG.debug("Dropping a {} for request {} from {}: the request is no longer pending (timed out, cancelled or "
                + "already failed)", what, requestId, ctx.channel().remoteAddress());
    }

    private void onStrayHandshake(ChannelHandlerContext ctx, StrayHandshakeFrame stray) {
        SocketAddress peer = ctx.channel().remoteAddress();
        if (stray.type() == FrameType.AUTH_RESULT) {
            AuthenticationException cause = new AuthenticationException(peer + " requires authentication, but this "
                    + "client has no shared secret configured");
            failure = cause;
            LOG.warn(cause.getMessage());
            pending.failAll(call -> cause);
            ctx.close();
        } else {
            closeForViolation(ctx, "the server sent a " + stray.type() + " handshake frame after the handshake");
        }
    }

    private void closeForViolation(ChannelHandlerContext ctx, String reason) {
        TransportException cause = new TransportException("Protocol violation by " + ctx.channel().remoteAddress()
                + ": " + reason);
        failure = cause;
        LOG.warn("Closing connection to {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        LOG.warn("Closing connection to {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress peer = ctx.channel().remoteAddress();
        String reason = localCloseReason;
        Throwable cause = failure;
        pending.failAll(call -> new ConnectionClosedException("Connection to " + peer + " closed before "
                + call.describe().toLowerCase(Locale.ROOT) + " completed"
                + (reason != null ? " (" + reason + ")" : cause != null ? " (" + cause.getMessage() + ")" : ""),
                cause));
        super.channelInactive(ctx);
    }
}
