package dev.sluice.shuffle.memory;

/**
 * Where one task's execution memory comes from: the executor's pool, shared fairly between running tasks, or a
 * fixed budget in tests. {@link TaskMemory} asks it for grants on behalf of the task's consumers.
 *
 * <p>Implementations must be thread-safe.
 */
public interface MemoryPool {

    /**
     * Asks for {@code bytes} more bytes within the task's share. Never blocks for long.
     *
     * @return how many bytes were granted, between 0 and {@code bytes}
     */
    long acquire(long bytes);

    /** Gives back {@code bytes} previously granted. */
    void release(long bytes);

    /** Returns a pool that grants every request in full and tracks nothing. */
    static MemoryPool unlimited() {
        return UnlimitedMemoryPool.INSTANCE;
    }
}
