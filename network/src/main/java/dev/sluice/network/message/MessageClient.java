package dev.sluice.network.message;

import dev.sluice.network.TransportClient;
import dev.sluice.network.serialization.ControlSerializer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends control-plane messages over a {@link TransportClient}, encoding and decoding them with a
 * {@link ControlSerializer}. A message that cannot be encoded fails its future before anything is sent.
 */
public final class MessageClient {

    private final TransportClient transport;
    private final ControlSerializer serializer;

    /** Sends over {@code transport}, encoding with {@code serializer}. */
    public MessageClient(TransportClient transport, ControlSerializer serializer) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    /** The connection messages are sent on. */
    public TransportClient transport() {
        return transport;
    }

    /**
     * Sends a request and decodes its reply, which must be a {@code replyType} (or null), within the configured
     * request timeout.
     */
    public <T> CompletableFuture<T> ask(Object message, Class<T> replyType) {
        return send(message, replyType, null);
    }

    /** Sends a request and decodes its reply, which must be a {@code replyType} (or null), within {@code timeout}. */
    public <T> CompletableFuture<T> ask(Object message, Class<T> replyType, Duration timeout) {
        return send(message, replyType, Objects.requireNonNull(timeout, "timeout"));
    }

    /** Sends a one-way message; completes once it is written. */
    public CompletableFuture<Void> tell(Object message) {
        byte[] payload;
        try {
            payload = serializer.serialize(Objects.requireNonNull(message, "message"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport.send(payload);
    }

    private <T> CompletableFuture<T> send(Object message, Class<T> replyType, Duration timeout) {
        Objects.requireNonNull(replyType, "replyType");
        byte[] payload;
        try {
            payload = serializer.serialize(Objects.requireNonNull(message, "message"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<byte[]> response = timeout == null
                ? transport.request(payload)
                : transport.request(payload, timeout);
        return response.thenApply(bytes -> serializer.deserialize(bytes, replyType));
    }
}
