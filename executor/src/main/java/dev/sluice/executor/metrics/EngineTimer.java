package dev.sluice.executor.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The number and total duration of events (successful task attempts) that the engine keeps itself; Micrometer
 * reads them through a function timer once {@link EngineMetrics} is bound to a registry.
 */
public final class EngineTimer {
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();

    EngineTimer() {
    }

    /** Records one event that took {@code amount} {@code unit}s. */
    public void record(long amount, TimeUnit unit) {
        count.increment();
        totalNanos.add(unit.toNanos(amount));
    }

    /** Events recorded so far. */
    public long count() {
        return count.sum();
    }

    /** Their total duration in nanoseconds. */
    public long totalNanos() {
        return totalNanos.sum();
    }
}
