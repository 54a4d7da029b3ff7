package dev.sluice.network;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.protocol.FrameFormat;
import dev.sluice.network.protocol.OneWayFrame;
import dev.sluice.network.protocol.RequestFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ready (connected, and authenticated if a secret is configured) connection to a server. Thread-safe: any
 * number of threads may send requests at once; replies are matched to requests by id.
 *
 * <p>Buffers passed in belong to the client from the call on, and are released once written or if they cannot
 * be sent. Responses are handed out as byte arrays; bulk data should be requested as a stream, whose chunks are
 * handed to a {@link StreamListener} without copying.
 *
 * <p>Obtain clients from a {@link TransportClientFactory}. Closing one closes its connection and fails its pending
 * requests; a pooled client closed this way is replaced by a new connection on the next request for its address.
 */
public final class TransportClient implements AutoCloseable {

    private static final int STREAM_CHUNKS_BUFFERED = 4;

    private final Channel channel;
    private final SocketAddress peer;
    private final PendingCalls pending;
    private final ResponseDispatcher dispatcher;
    private final TransportConfig config;
    private final AtomicLong nextRequestId = new AtomicLong();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    TransportClient(Channel channel, SocketAddress peer, PendingCalls pending, ResponseDispatcher dispatcher,
                    TransportConfig config) {
        this.channel = channel;
        this.peer = peer;
        this.pending = pending;
        this.dispatcher = dispatcher;
        this.config = config;
        channel.closeFuture().addListener(future -> closed.complete(null));
    }

    /** The address this client dialled. */
    public SocketAddress remoteAddress() {
        return peer;
    }

    /** Whether the connection is still open. */
    public boolean isActive() {
        return channel.isActive();
    }

    /**
     * {@link System#nanoTime()} when the server last sent anything on this connection (a response, an error or a
     * stream chunk), or when the connection became ready: a sign of the server's life that costs nothing extra.
     */
    public long lastReceivedNanos() {
        return dispatcher.lastFrameNanos();
    }

    /** The number of requests and streams still waiting for (the rest of) their replies. */
    public int pendingCalls() {
        return pending.size();
    }

    /** Sends a request and waits for its response at most the configured request timeout. */
    public CompletableFuture<byte[]> request(byte[] payload) {
        return request(payload, config.requestTimeout());
    }

    /** Sends a request and waits for its response at most {@code timeout}. */
    public CompletableFuture<byte[]> request(byte[] payload, Duration timeout) {
        return request(Unpooled.wrappedBuffer(payload), timeout);
    }

    /**
     * Sends a request and waits for its response at most {@code timeout}.
     *
     * @param payload the request's bytes, owned by the client from now on
     * @return the response's bytes; fails with {@link RemoteException} if the server's handler failed,
     *     {@link RequestTimeoutException} if no response came in time, {@link ConnectionClosedException} if the
     *     connection closed first
     */
    public CompletableFuture<byte[]> request(ByteBuf payload, Duration timeout) {
        Objects.requireNonNull(payload, "payload");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        PendingUnaryCall call = new PendingUnaryCall(nextRequestId.incrementAndGet(), peer, checked(timeout), future);
        dispatch(call, payload);
        future.whenComplete((response, error) -> pending.forget(call));
        return future;
    }

    /** Requests a streamed reply, waiting at most the configured request timeout for each chunk. */
    public CompletableFuture<Long> requestStream(byte[] payload, StreamListener listener) {
        return requestStream(Unpooled.wrappedBuffer(payload), listener, config.requestTimeout());
    }

    /**
     * Requests a streamed reply and hands its chunks to {@code listener} as they arrive. A server replying with a
     * single body delivers it as one chunk.
     *
     * @param payload the request's bytes, owned by the client from now on
     * @param listener called on the I/O thread for each chunk, in order
     * @param chunkTimeout the longest wait for the first or next chunk (not counting pauses the listener asked for)
     * @return completes with the number of bytes received once the stream ended, or fails like {@link #request};
     *     cancelling it abandons the stream
     */
    public CompletableFuture<Long> requestStream(ByteBuf payload, StreamListener listener, Duration chunkTimeout) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(listener, "listener");
        CompletableFuture<Long> future = new CompletableFuture<>();
        PendingStreamCall call = new PendingStreamCall(nextRequestId.incrementAndGet(), peer, checked(chunkTimeout),
                future, listener);
        dispatch(call, payload);
        future.whenComplete((bytes, error) -> pending.forget(call));
        return future;
    }

    /**
     * Requests a streamed reply readable as an {@link java.io.InputStream}, buffering at most about four chunks before
     * pausing the connection. Close the stream when done with it.
     */
    public StreamInputStream openStream(byte[] payload) {
        StreamInputStream stream = new StreamInputStream((long) STREAM_CHUNKS_BUFFERED * config.streamChunkBytes());
        stream.attach(requestStream(payload, stream));
        return stream;
    }

    /** Sends a one-way message; the future completes once it is written to the connection. */
    public CompletableFuture<Void> send(byte[] payload) {
        return send(Unpooled.wrappedBuffer(payload));
    }

    /**
     * Sends a one-way message.
     *
     * @param payload the message's bytes, owned by the client from now on
     * @return completes once the message is written to the connection, or fails if it could not be
     */
    public CompletableFuture<Void> send(ByteBuf payload) {
        Objects.requireNonNull(payload, "payload");
        CompletableFuture<Void> written = new CompletableFuture<>();
        TransportException refusal = refusal(payload.readableBytes(), "Message");
        if (refusal != null) {
            payload.release();
            written.completeExceptionally(refusal);
            return written;
        }
        channel.writeAndFlush(new OneWayFrame(payload)).addListener(future -> {
            if (future.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(new TransportException("Cannot send a message to " + peer + ": "
                        + future.cause(), future.cause()));
            }
        });
        return written;
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        return closed.copy();
    }

    /**
     * Closes the connection, failing the calls still pending, and waits until it is closed (unless called on
     * the connection's own I/O thread, which must not wait).
     */
    @Override
    public void close() {
        dispatcher.closingLocally("the client was closed");
        ChannelFuture closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly();
        }
    }

    private void dispatch(PendingCall call, ByteBuf payload) {
        TransportException refusal = refusal(payload.readableBytes(), call.describe());
        if (refusal != null) {
            payload.release();
            call.fail(refusal);
            return;
        }
        pending.add(call);
        channel.writeAndFlush(new RequestFrame(call.requestId(), payload)).addListener(future -> {
            if (!future.isSuccess()) {
                pending.forget(call);
                String message = call.describe() + " could not be sent to " + peer + ": " + future.cause();
                call.fail(channel.isActive()
                        ? new TransportException(message, future.cause())
                        : new ConnectionClosedException(message, future.cause()));
            }
        });
    }

    /** Why a frame with this payload cannot be sent, or {@code null} if it can. */
    private TransportException refusal(int payloadBytes, String what) {
        if (!channel.isActive()) {
            return new ConnectionClosedException(what + " cannot be sent: the connection to " + peer + " is closed");
        }
        long frameBytes = (long) FrameFormat.TYPE_BYTES + FrameFormat.REQUEST_ID_BYTES + payloadBytes;
        if (frameBytes > config.maxFrameBytes()) {
            return new TransportException(what + " of " + payloadBytes + " bytes to " + peer
                    + " exceeds the maximum frame size of " + config.maxFrameBytes() + " bytes");
        }
        return null;
    }

    private static Duration checked(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }

    @Override
    public String toString() {
        return "TransportClient[" + peer + (isActive() ? "" : ", closed") + "]";
    }
}
