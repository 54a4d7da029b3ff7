package dev.sluice.network;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A request whose reply arrives as chunks handed to a {@link StreamListener}. Its timeout limits the wait for
 * each next chunk, and is suspended while the listener has paused the connection. Only the I/O thread touches
 * the counters.
 */
final class PendingStreamCall extends PendingCall {

    private final CompletableFuture<Long> future;
    private final StreamListener listener;
    private long bytesReceived;
    private int pausesOutstanding;

    PendingStreamCall(long requestId, SocketAddress peer, Duration timeout, CompletableFuture<Long> future,
                      StreamListener listener) {
        super(requestId, peer, timeout);
        this.future = future;
        this.listener = listener;
    }

    StreamListener listener() {
        return listener;
    }

    void addBytes(int count) {
        bytesReceived += count;
    }

    void pauseStarted() {
        pausesOutstanding++;
    }

    /** Returns whether no pause of this stream is outstanding any more. */
    boolean pauseEnded() {
        return --pausesOutstanding == 0;
    }

    boolean isPaused() {
        return pausesOutstanding > 0;
    }

    boolean isDone() {
        return future.isDone();
    }

    void complete() {
        future.complete(bytesReceived);
    }

    @Override
    String describe() {
        return "Stream " + requestId();
    }

    @Override
    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
