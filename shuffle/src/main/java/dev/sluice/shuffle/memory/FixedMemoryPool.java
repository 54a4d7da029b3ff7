package dev.sluice.shuffle.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A memory pool with a fixed byte budget: grants requests until the budget is used up and takes memory
 * back on release. Thread-safe. Useful in tests, where a tiny budget forces spilling.
 */
public final class FixedMemoryPool implements MemoryPool {

    private final long budget;
    private final AtomicLong used = new AtomicLong();

    /** Creates a pool that grants at most {@code budget} bytes at a time. */
    public FixedMemoryPool(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must not be negative: " + budget);
        }
        this.budget = budget;
    }

    @Override
    public long acquire(long bytes) {
        requireNonNegative(bytes);
        while (true) {
            long current = used.get();
            long granted = Math.min(bytes, budget - current);
            if (used.compareAndSet(current, current + granted)) {
                return granted;
            }
        }
    }

    /** {@inheritDoc} Releasing more than is in use is a bug in the caller and throws {@link IllegalStateException}. */
    @Override
    public void release(long bytes) {
        requireNonNegative(bytes);
        while (true) {
            long current = used.get();
            if (bytes > current) {
                throw new IllegalStateException("Released " + bytes + " bytes but only " + current + " were in use");
            }
            if (used.compareAndSet(current, current - bytes)) {
                return;
            }
        }
    }

    /** Returns the number of bytes currently granted. */
    public long used() {
        return used.get();
    }

    /** Returns the budget this memory was created with. */
    public long budget() {
        return budget;
    }

    @Override
    public String toString() {
        return "FixedMemoryPool[used=" + used() + ", budget=" + budget + "]";
    }

    private static void requireNonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }
}
