package dev.sluice.executor.memory;

/**
 * The storage side of an executor's unified memory, as the {@link MemoryManager} sees it: how much cached blocks
 * hold, and a way to evict some of them when execution needs the room. The block manager implements it.
 */
public interface StorageMemory {

    /** Bytes cached blocks hold in memory. */
    long usedBytes();

    /**
     * Evicts cached blocks, coldest first, until they hold at most {@code bytes} (evicted blocks go to disk if
     * their level allows, as any eviction). Must not be called while holding the memory manager's lock.
     */
    void shrinkTo(long bytes);

    /** No storage at all: nothing cached, nothing to evict. */
    StorageMemory NONE = new StorageMemory() {
        @Override
        public long usedBytes() {
            return 0;
        }

        @Override
        public void shrinkTo(long bytes) {
        }
    };
}
