package dev.sluice.shuffle.memory;

import java.util.Objects;

/**
 * The memory one spillable collection currently holds from its {@link TaskMemory}. The collection
 * reports its estimated usage through {@link #cover(long)}; the reservation grows in chunks (twice the
 * usage at a time, so requests stay rare) and answers whether the usage is covered. When it is not, the
 * collection spills and calls {@link #releaseAll()}.
 *
 * <p>Not thread-safe: a reservation belongs to one collection used by one thread.
 */
public final class MemoryReservation {

    /**
     * Usage a collection may reach while it holds no grant at all. A task refused all memory (another consumer in
     * the same task holds its share, as a join feeding a reduceByKey does) then spills in chunks of
     * at least this size instead of record by record, which made such pipelines hundreds of times
     * slower. Spark's spillable collections have a similar (5 MB) allowance.
     */
    static final long UNACCOUNTED_ALLOWANCE = 1L << 20;

    private final TaskMemory memory;
    private long granted;

    /** Creates an empty reservation against {@code memory}. */
    public MemoryReservation(TaskMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /**
     * Makes sure {@code usage} bytes are covered, acquiring more memory when they are not yet.
     *
     * @return true if the reservation now holds at least {@code usage} bytes, or {@code usage} is within
     *     the {@linkplain #UNACCOUNTED_ALLOWANCE allowance} and nothing could be granted; false if the task memory refused, in which
     *     case the caller should spill
     */
    public boolean cover(long usage) {
        if (usage <= granted) {
            return true;
        }
        granted += memory.acquire(2 * usage - granted);
        return usage <= granted || granted == 0 && usage <= UNACCOUNTED_ALLOWANCE;
    }

    /** Returns the bytes currently held. */
    public long granted() {
        return granted;
    }

    /** Gives all held memory back to the task memory. */
    public void releaseAll() {
        if (granted > 0) {
            memory.release(granted);
            granted = 0;
        }
    }
}
