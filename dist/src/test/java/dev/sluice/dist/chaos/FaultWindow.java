package dev.sluice.dist.chaos;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The time a fault may act: open while the application runs, closed when it ends. Faults pace themselves with
 * {@link #closesWithin}, so every chaos loop stops by itself when the application is over.
 */
public final class FaultWindow {
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Waits up to {@code pause}; true if the window closed meanwhile (the fault must undo what it did and end). */
    public boolean closesWithin(Duration pause) throws InterruptedException {
        return closed.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the window is closed. */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    void close() {
        closed.countDown();
    }
}
