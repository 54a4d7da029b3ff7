package dev.sluice.network.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Captures what is written to {@code System.err} (where slf4j-simple logs) while still passing it through, so
 * tests can check that the transport logged a reason. Waiting for a line uses a condition signalled on every
 * write, not polling.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();

    private LogCapture() {
        original = System.err;
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    /** Starts capturing; close to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything captured so far. */
    public String text() {
        lock.lock();
        try {
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a captured line contains every one of {@code fragments}, and returns that line.
     *
     * @throws AssertionError if no such line appears within {@code timeout}
     */
    public String awaitLine(Duration timeout, String... fragments) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (containsAll(line, fragments)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no log line containing " + String.join(" & ", fragments)
                            + " within " + timeout.toMillis() + " ms; captured:\n" + text());
                }
                written.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean containsAll(String line, String... fragments) {
        for (String fragment : fragments) {
            if (!line.contains(fragment)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    /** Writes to the original stream and the capture buffer. */
    private final class Tee extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            lock.lock();
            try {
                captured.write(bytes, offset, length);
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
