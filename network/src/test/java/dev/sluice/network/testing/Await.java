package dev.sluice.network.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that no future or latch signals (e.g. a server's connection count), with a timeout. */
public final class Await {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = 1_000_000;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} if it does not hold within 10 s
     */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting until " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
