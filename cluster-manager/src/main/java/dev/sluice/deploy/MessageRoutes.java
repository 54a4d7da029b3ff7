package dev.sluice.deploy;

import dev.sluice.network.RequestContext;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.UnexpectedMessageException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link MessageHandler} that dispatches by message type: each request type to the function that answers it,
 * each one-way message type to the consumer that takes it. Any other message is refused with an
 * {@link UnexpectedMessageException} naming the endpoint ("The master does not answer Kill"). Types match exactly:
 * control messages are records, which have no subclasses.
 */
public final class MessageRoutes implements MessageHandler {
    private final String endpoint;
    private final Map<Class<?>, Function<Object, CompletableFuture<?>>> requests;
    private final Map<Class<?>, Consumer<Object>> messages;

    private MessageRoutes(Builder builder) {
        this.endpoint = builder.endpoint;
        this.requests = Map.copyOf(builder.requests);
        this.messages = Map.copyOf(builder.messages);
    }

    /** Starts the routes of {@code endpoint}, as refusals name it ("The master", "A worker"). */
    public static Builder of(String endpoint) {
        return new Builder(endpoint);
    }

    @Override
    public CompletableFuture<?> onRequest(RequestContext context, Object message) {
        Function<Object, CompletableFuture<?>> handler = requests.get(message.getClass());
        if (handler == null) {
            throw UnexpectedMessageException.notAnswered(endpoint, message);
        }
        return handler.apply(message);
    }

    @Override
    public void onMessage(RequestContext context, Object message) {
        Consumer<Object> handler = messages.get(message.getClass());
        if (handler == null) {
            throw UnexpectedMessageException.notAccepted(endpoint, message);
        }
        handler.accept(message);
    }

    /** Collects the routes; a type may be routed once. */
    public static final class Builder {
        private final String endpoint;
        private final Map<Class<?>, Function<Object, CompletableFuture<?>>> requests = new LinkedHashMap<>();
        private final Map<Class<?>, Consumer<Object>> messages = new LinkedHashMap<>();

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /** Answers requests of {@code type} with {@code handler}'s future. */
        public <M> Builder answer(Class<M> type, Function<? super M, ? extends CompletableFuture<?>> handler) {
            checkNew(type);
            requests.put(type, message -> handler.apply(type.cast(message)));
            return this;
        }

        /** Takes one-way messages of {@code type} with {@code handler}. */
        public <M> Builder accept(Class<M> type, Consumer<? super M> handler) {
            checkNew(type);
            messages.put(type, message -> handler.accept(type.cast(message)));
            return this;
        }

        private void checkNew(Class<?> type) {
            if (requests.containsKey(type) || messages.containsKey(type)) {
                throw new IllegalArgumentException(type.getSimpleName() + " is routed already");
            }
        }

        /** The routes. */
        public MessageRoutes build() {
            return new MessageRoutes(this);
        }
    }
}
