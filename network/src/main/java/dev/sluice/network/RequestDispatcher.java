package dev.sluice.network;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.protocol.ErrorResponseFrame;
import dev.sluice.network.protocol.Frame;
import dev.sluice.network.protocol.FrameFormat;
import dev.sluice.network.protocol.OneWayFrame;
import dev.sluice.network.protocol.RequestFrame;
import dev.sluice.network.protocol.ResponseFrame;
import dev.sluice.network.protocol.StrayHandshakeFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of a ready connection: hands requests and one-way messages to the {@link RequestHandler} and
 * writes its replies back, as a response, an error response carrying the failure's message, or a stream. Request
 * payloads are released as soon as the handler returns; replies that can no longer be sent are discarded.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final RequestHandler handler;
    private final RequestContext context;
    private final TransportConfig config;

    RequestDispatcher(RequestHandler handler, RequestContext context, TransportConfig config) {
        this.handler = handler;
        this.context = context;
        this.config = config;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof RequestFrame request) {
            onRequest(ctx, request);
        } else if (message instanceof OneWayFrame oneWay) {
            onMessage(oneWay);
        } else if (message instanceof StrayHandshakeFrame stray) {
            closeForViolation(ctx, "it sent a " + stray.type() + " handshake frame, " + (context.authenticated()
                    ? "after the handshake was over" : "but this server has no shared secret configured"));
        } else {
            ReferenceCountUtil.release(message);
            String type = message instanceof Frame frame ? frame.type().name() : message.getClass().getName();
            closeForViolation(ctx, "it sent a " + type + " frame, which only servers send");
        }
    }

    private void onRequest(ChannelHandlerContext ctx, RequestFrame request) {
        long requestId = request.requestId();
        CompletableFuture<Reply> reply;
        try {
            reply = handler.onRequest(context, request.body());
            if (reply == null) {
                reply = CompletableFuture.failedFuture(new IllegalStateException(
                        handler.getClass().getName() + " returned no future"));
            }
        } catch (Throwable t) {
            reply = CompletableFuture.failedFuture(t);
        } finally {
            request.release();
        }
        reply.whenComplete((answer, error) -> onEventLoop(ctx, answer, () -> sendReply(ctx, requestId, answer,
                error)));
    }

    private void onMessage(OneWayFrame message) {
        try {
            handler.onMessage(context, message.body());
        } catch (Throwable t) {
            context.problems().report(LOG, "Refused a one-way message: " + ErrorMessages.describe(t));
        } finally {
            message.release();
        }
    }

    private void sendReply(ChannelHandlerContext ctx, long requestId, Reply reply, Throwable error) {
        if (!ctx.channel().isActive()) {
            LOG.debug("Dropping the reply to request {}: the connection to {} is closed", requestId, context.peer());
            if (reply != null) {
                reply.discard();
            }
            return;
        }
        if (error != null) {
            LOG.debug("Request {} from {} failed", requestId, context.peer(), error);
            ctx.writeAndFlush(new ErrorResponseFrame(requestId, ErrorMessages.describe(error)));
        } else if (reply == null || reply instanceof Reply.Body) {
            sendBody(ctx, requestId, reply == null ? Reply.empty() : reply);
        } else {
            sendStream(ctx, requestId, ((Reply.Streamed) reply).source());
        }
    }

    private void sendBody(ChannelHandlerContext ctx, long requestId, Reply reply) {
        Reply.Body body = (Reply.Body) reply;
        int bytes = body.content().readableBytes();
        long frameBytes = (long) FrameFormat.TYPE_BYTES + FrameFormat.REQUEST_ID_BYTES + bytes;
        if (frameBytes > config.maxFrameBytes()) {
            body.discard();
            ctx.writeAndFlush(new ErrorResponseFrame(requestId, "the reply of " + bytes + " bytes exceeds the "
                    + "maximum frame size of " + config.maxFrameBytes() + " bytes; reply with a stream instead"));
            return;
        }
        ctx.writeAndFlush(new ResponseFrame(requestId, body.content()));
    }

    private void sendStream(ChannelHandlerContext ctx, long requestId, StreamSource source) {
        ctx.writeAndFlush(new StreamChunkInput(requestId, source, config.streamChunkBytes(), !context.encrypted())).addListener(future -> {
            if (!future.isSuccess() && ctx.channel().isActive()) {
                LOG.debug("Stream {} to {} failed", requestId, context.peer(), future.cause());
                ctx.writeAndFlush(new ErrorResponseFrame(requestId, "the stream failed: "
                        + ErrorMessages.describe(future.cause())));
            }
        });
    }

    private void onEventLoop(ChannelHandlerContext ctx, Reply reply, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return;
        }
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropping a reply to {}: the server is shutting down", context.peer());
            if (reply != null) {
                reply.discard();
            }
        }
    }

    private void closeForViolation(ChannelHandlerContext ctx, String reason) {
        LOG.warn("Closing connection from {}: {}", context.peer(), reason);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing connection from {} after an error: {}", context.peer(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        context.problems().connectionClosed();
        try {
            handler.onConnectionClosed(context);
        } catch (RuntimeException e) {
            LOG.warn("Handler failed on the close of the connection from {}", context.peer(), e);
        }
        super.channelInactive(ctx);
    }
}
