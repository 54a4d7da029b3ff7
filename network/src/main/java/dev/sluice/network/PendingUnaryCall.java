package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A request waiting for a single response, delivered to the caller as a byte array copied off the wire. */
final class PendingUnaryCall extends PendingCall {

    private final CompletableFuture<byte[]> future;

    PendingUnaryCall(long requestId, SocketAddress peer, Duration timeout, CompletableFuture<byte[]> future) {
        super(requestId, peer, timeout);
        this.future = future;
    }

    /** Completes the caller's future with a copy of {@code body}; the caller of this method still owns it. */
    void complete(ByteBuf body) {
        future.complete(ByteBufUtil.getBytes(body));
    }

    @Override
    String describe() {
        return "Request " + requestId();
    }

    @Override
    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
