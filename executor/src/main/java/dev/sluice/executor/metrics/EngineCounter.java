package dev.sluice.executor.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonic count the engine keeps itself, cheap to add to from many task threads; Micrometer reads it
 * through a function counter of the same name once {@link EngineMetrics} is bound to a registry.
 */
public final class EngineCounter {
    private final String name;
    private final String description;
    private final LongAdder count = new LongAdder();

    EngineCounter(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** The meter's name, e.g. {@code sluice.task.failures}. */
    public String name() {
        return name;
    }

    String description() {
        return description;
    }

    /** Adds one. */
    public void increment() {
        count.increment();
    }

    /** Adds {@code amount} (not negative). */
    public void increment(long amount) {
        count.add(amount);
    }

    /** The count so far. */
    public long count() {
        return count.sum();
    }
}
