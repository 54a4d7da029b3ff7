package dev.sluice.network.message;

import dev.sluice.network.Reply;
import dev.sluice.network.RequestContext;
import dev.sluice.network.RequestHandler;
import dev.sluice.network.serialization.ControlSerializationException;
import dev.sluice.network.serialization.ControlSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RequestHandler} that decodes payloads with a {@link ControlSerializer} and passes the messages to a
 * {@link MessageHandler}. A payload that does not decode (an unknown registration id, malformed bytes) is logged
 * and answered with an error naming the problem; the connection stays up.
 */
public final class MessageRequestHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageRequestHandler.class);

    private final ControlSerializer serializer;
    private final MessageHandler handler;

    /** Decodes with {@code serializer} for {@code handler}. */
    public MessageRequestHandler(ControlSerializer serializer, MessageHandler handler) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public CompletableFuture<Reply> onRequest(RequestContext context, ByteBuf payload) throws Exception {
        Object request = decode(context, payload, "request");
        CompletableFuture<?> reply = handler.onRequest(context, request);
        if (reply == null) {
            throw new IllegalStateException(handler.getClass().getName() + " returned no future for a "
                    + request.getClass().getName());
        }
        // A handler may answer with a transport reply of its own (a stream of bytes); anything else is a message.
        return reply.thenApply(answer -> answer instanceof Reply own ? own : Reply.of(serializer.serialize(answer)));
    }

    @Override
    public void onMessage(RequestContext context, ByteBuf payload) throws Exception {
        handler.onMessage(context, decode(context, payload, "one-way message"));
    }

    @Override
    public void onConnectionClosed(RequestContext context) {
        handler.onConnectionClosed(context);
    }

    private Object decode(RequestContext context, ByteBuf payload, String what) {
        try {
            Object message = serializer.deserialize(ByteBufUtil.getBytes(payload));
            if (message == null) {
                throw new ControlSerializationException("a " + what + " must not be null");
            }
            return message;
        } catch (ControlSerializationException e) {
            LOG.warn("Refused a {} from {}: {}", what, context.peer(), e.getMessage());
            throw e;
        }
    }
}
