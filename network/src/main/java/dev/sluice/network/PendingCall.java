package dev.sluice.network;

import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A request sent on a connection whose reply has not fully arrived: what to complete, and its timeout timer. */
abstract class PendingCall {

    private final long requestId;
    private final SocketAddress peer;
    private final Duration timeout;
    private volatile ScheduledFuture<?> timer;

    PendingCall(long requestId, SocketAddress peer, Duration timeout) {
        this.requestId = requestId;
        this.peer = peer;
        this.timeout = timeout;
    }

    final long requestId() {
        return requestId;
    }

    final SocketAddress peer() {
        return peer;
    }

    final Duration timeout() {
        return timeout;
    }

    /** "Request 12" or "Stream 12", for messages. */
    abstract String describe();

    /** Fails the caller's future; does nothing if it is already complete. */
    abstract void fail(Throwable cause);

    /** (Re)starts the timeout timer on {@code loop}. */
    final void armTimer(EventLoop loop, Runnable onTimeout) {
        cancelTimer();
        timer = loop.schedule(onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    final void cancelTimer() {
        ScheduledFuture<?> current = timer;
        if (current != null) {
            current.cancel(false);
        }
    }
}
