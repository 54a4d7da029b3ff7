package dev.sluice.shuffle.memory;

import java.util.Objects;

/**
 * The execution memory one {@link MemoryConsumer} holds from its {@link TaskMemory}. The consumer reports its
 * estimated usage through {@link #cover(long)}; the reservation grows in chunks (twice the usage at a time, so
 * requests stay rare) and answers whether the usage is covered. When it is not, the consumer spills and calls
 * {@link #releaseAll()}. Every byte a consumer uses is covered by a grant: there is no unaccounted allowance.
 *
 * <p>Not thread-safe: a reservation belongs to one consumer used by one thread. Made by
 * {@link TaskMemory#reserve(MemoryConsumer)}.
 */
public final class MemoryReservation implements AutoCloseable {

    private final TaskMemory task;
    final MemoryConsumer consumer;
    long granted;
    private boolean closed;

    MemoryReservation(TaskMemory task, MemoryConsumer consumer) {
        this.task = task;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /**
     * Makes sure {@code usage} bytes are covered, acquiring more memory when they are not yet (which may make
     * other consumers of the task spill), and honouring a request of another task to give memory back.
     *
     * @return true if the reservation now holds at least {@code usage} bytes; false if the task's memory
     *     refused (or this consumer was asked to give its memory back), in which case the caller spills
     */
    public boolean cover(long usage) {
        if (usage <= granted && !task.spillRequested()) {
            return true;
        }
        return task.cover(this, usage);
    }

    /**
     * Gives back what this reservation holds beyond {@code usage} bytes: a structure that will not grow any more
     * (a finished join table) leaves its growth chunk to the task's other consumers.
     */
    public void trimTo(long usage) {
        if (granted > usage) {
            task.release(this, granted - Math.max(0, usage));
        }
    }

    /** Returns the bytes currently held. */
    public long granted() {
        return granted;
    }

    /** Gives all held memory back to the task memory. */
    public void releaseAll() {
        if (granted > 0) {
            task.release(this, granted);
        }
    }

    /** Releases the memory and stops being a consumer of the task. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            releaseAll();
            task.unregister(this);
        }
    }
}
