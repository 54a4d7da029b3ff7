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
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RequestHandler} that decodes payloads with a {@link ControlSerializer} and passes the messages to a
 * {@link MessageHandler}. A payload that does not decode (an unknown registration id, malformed bytes), or a
 * message the handler does not take ({@link UnexpectedMessageException}), is answered with an error naming the
 * problem and goes to the connection's {@link dev.sluice.network.PeerProblems} (logged once per connection, not
 * once per message); the connection stays up.
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
        Object request;
        try {
            request = decode(payload, "request");
        } catch (ControlSerializationException e) {
            context.problems().report(LOG, "Refused a request: " + e.getMessage());
            throw e;
        }
        CompletableFuture<?> reply;
        try {
            reply = handler.onRequest(context, request);
        } catch (UnexpectedMessageException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (reply == null) {
            throw new IllegalStateException(handler.getClass().getName() + " returned no future for a "
                    + request.getClass().getName());
        }
        reply = reply.whenComplete((answer, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof UnexpectedMessageException unexpected) {
                context.problems().report(LOG, "Refused a request: " + unexpected.getMessage());
            }
        });
        // A handler may answer with a transport reply of its own (a stream of bytes); anything else is a message.
        return reply.thenApply(answer -> answer instanceof Reply own ? own : Reply.of(serializer.serialize(answer)));
    }

    @Override
    public void onMessage(RequestContext context, ByteBuf payload) throws Exception {
        handler.onMessage(context, decode(payload, "one-way message"));
    }

    @Override
    public void onConnectionClosed(RequestContext context) {
        handler.onConnectionClosed(context);
    }

    private Object decode(ByteBuf payload, String what) {
        Object message = serializer.deserialize(ByteBufUtil.getBytes(payload));
        if (message == null) {
            throw new ControlSerializationException("a " + what + " must not be null");
        }
        return message;
    }
}
