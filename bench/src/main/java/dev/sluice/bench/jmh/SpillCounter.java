package dev.sluice.bench.jmh;

import dev.sluice.shuffle.ShuffleMetricsListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts spill files, so a benchmark given a small memory budget can check that the budget really made
 * it spill (otherwise it would silently measure the in-memory path twice).
 */
final class SpillCounter implements ShuffleMetricsListener {

    private final AtomicLong spills = new AtomicLong();

    @Override
    public void spilled(long bytes) {
        spills.incrementAndGet();
    }

    /** Throws unless a spill happened since this counter was created. */
    void requireSpilled(String what, long budget) {
        if (spills.get() == 0) {
            throw new IllegalStateException(what + " never spilled with a budget of " + budget
                    + " bytes; lower the budget so the benchmark measures spilling");
        }
    }
}
