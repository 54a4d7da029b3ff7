package dev.sluice.shuffle;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation for long record loops. The executor cancels a task by interrupting its
 * thread; loops poll the interrupt flag every {@link #CHECK_INTERVAL} records and give up with a
 * {@link CancellationException}. The flag is left set so the caller can see why the task stopped.
 */
public final class Cancellation {

    /** How many records a loop may process between two looks at the interrupt flag. */
    public static final int CHECK_INTERVAL = 4096;

    private Cancellation() {}

    /**
     * Checks for interruption when {@code recordCount} is a multiple of {@link #CHECK_INTERVAL}; call it
     * once per record with a running count.
     *
     * @throws CancellationException if the current thread has been interrupted
     */
    public static void checkEvery(long recordCount) {
        if (recordCount % CHECK_INTERVAL == 0) {
            check();
        }
    }

    /**
     * Checks for interruption now.
     *
     * @throws CancellationException if the current thread has been interrupted
     */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Task was interrupted");
        }
    }

    /**
     * Tells whether {@code failure} is the result of cancelling the current thread rather than a genuine
     * fault: the thread's interrupt flag is set, or an interruptible channel was closed under it. I/O
     * failures that are really cancellations must not be reported as, say, lost shuffle files.
     */
    public static boolean isInterruption(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedByInterruptException || t instanceof InterruptedIOException
                    || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** Returns the exception to throw for a task cancelled while doing what failed with {@code cause}. */
    public static CancellationException cancelled(Throwable cause) {
        CancellationException cancelled = new CancellationException("Task was interrupted");
        cancelled.initCause(cause);
        return cancelled;
    }
}
