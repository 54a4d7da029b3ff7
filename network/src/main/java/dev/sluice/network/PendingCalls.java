package dev.sluice.network;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/** The calls of one connection still waiting for their replies, by request id, with their timeouts. */
final class PendingCalls {

    private final ConcurrentHashMap<Long, PendingCall> calls = new ConcurrentHashMap<>();
    private final EventLoop eventLoop;

    PendingCalls(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
    }

    /** Adds a call and starts its timeout; a call that cannot be timed (loop shut down) is failed at once. */
    void add(PendingCall call) {
        calls.put(call.requestId(), call);
        armTimeout(call);
    }

    /** (Re)starts the timeout of a call still pending. */
    void armTimeout(PendingCall call) {
        try {
            call.armTimer(eventLoop, () -> {
                if (calls.remove(call.requestId(), call)) {
                    call.fail(new RequestTimeoutException(call.describe(), call.peer(), call.timeout()));
                }
            });
        } catch (RejectedExecutionException e) {
            if (calls.remove(call.requestId(), call)) {
                call.fail(new ConnectionClosedException(call.describe() + " to " + call.peer()
                        + " cannot be sent: the transport is shutting down", e));
            }
        }
    }

    PendingCall get(long requestId) {
        return calls.get(requestId);
    }

    /** Removes and returns the call, stopping its timer, or returns {@code null} if it is no longer pending. */
    PendingCall remove(long requestId) {
        PendingCall call = calls.remove(requestId);
        if (call != null) {
            call.cancelTimer();
        }
        return call;
    }

    /** Removes this exact call if it is still pending, e.g. after its caller gave up on it. */
    void forget(PendingCall call) {
        calls.remove(call.requestId(), call);
        call.cancelTimer();
    }

    /** Removes every call and fails it with the exception {@code cause} makes for it. */
    void failAll(Function<PendingCall, Throwable> cause) {
        for (Long requestId : calls.keySet()) {
            PendingCall call = remove(requestId);
            if (call != null) {
                call.fail(cause.apply(call));
            }
        }
    }

    int size() {
        return calls.size();
    }
}
