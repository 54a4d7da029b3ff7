package dev.sluice.executor.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * An executor's view of whether its driver is still there. Every sign of the driver counts: the reply to the
 * registration, any reply on the connection to it (heartbeat answers, map output locations, class files), and any
 * command it sends (a task launch, a kill). The executor gives up on its driver only when the driver has been silent
 * for the heartbeat timeout <em>and</em> the last {@value #FAILED_HEARTBEATS_TO_GIVE_UP} heartbeats failed: a driver
 * that answers slowly, or an executor that was itself paused (a long GC, a busy machine) and finds an old deadline
 * passed when it runs again, is not taken for a dead driver. The silence starts when the executor registers, not
 * when its process started.
 *
 * <p>Thread-safe.
 */
final class DriverContact {
    /** Heartbeats that must fail in a row, after the timeout, before the executor gives up. */
    static final int FAILED_HEARTBEATS_TO_GIVE_UP = 3;

    private final long timeoutNanos;
    private final LongSupplier lastReply;
    private final LongSupplier clock;
    private final AtomicInteger failedInARow = new AtomicInteger();
    private volatile long lastHeard;

    /**
     * @param timeout how long the driver may stay silent
     * @param lastReply when the connection to the driver last received anything ({@link System#nanoTime()} based)
     * @param clock the nanosecond clock
     */
    DriverContact(Duration timeout, LongSupplier lastReply, LongSupplier clock) {
        this.timeoutNanos = timeout.toNanos();
        this.lastReply = lastReply;
        this.clock = clock;
        this.lastHeard = clock.getAsLong();
    }

    /** The driver showed a sign of life (the executor registered, or the driver sent a command). */
    void heard() {
        lastHeard = clock.getAsLong();
    }

    /** A heartbeat was answered. */
    void heartbeatAnswered() {
        failedInARow.set(0);
        heard();
    }

    /**
     * A heartbeat failed (no answer within the timeout, or the connection is gone).
     *
     * @return whether the executor should now give up on its driver
     */
    boolean heartbeatFailed() {
        int failures = failedInARow.incrementAndGet();
        return failures >= FAILED_HEARTBEATS_TO_GIVE_UP && silence().toNanos() > timeoutNanos;
    }

    /** Heartbeats failed since the last one answered. */
    int failedInARow() {
        return failedInARow.get();
    }

    /** How long the driver has said nothing. */
    Duration silence() {
        long heard = Math.max(lastHeard, lastReply.getAsLong());
        return Duration.ofNanos(Math.max(0, clock.getAsLong() - heard));
    }
}
