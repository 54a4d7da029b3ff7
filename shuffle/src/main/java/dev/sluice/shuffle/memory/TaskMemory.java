package dev.sluice.shuffle.memory;

/**
 * Execution memory granted to one running task. The executor's memory manager implements it; spillable
 * collections ask it for memory as they grow and spill to disk when it says no.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TaskMemory {

    /**
     * Asks for {@code bytes} more bytes. Never blocks.
     *
     * @return how many bytes were granted, between 0 and {@code bytes}
     */
    long acquire(long bytes);

    /** Gives back {@code bytes} previously granted by {@link #acquire(long)}. */
    void release(long bytes);

    /** Returns a task memory that grants every request in full and tracks nothing. */
    static TaskMemory unlimited() {
        return UnlimitedTaskMemory.INSTANCE;
    }
}
