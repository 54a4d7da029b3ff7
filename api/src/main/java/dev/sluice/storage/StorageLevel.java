package dev.sluice.storage;

/**
 * How a persisted dataset keeps its computed partitions: in memory as objects or serialized bytes,
 * on local disk, or in memory with overflow to disk. A partition that is not kept (evicted under
 * {@link #MEMORY_ONLY}) is recomputed from its lineage when it is next needed.
 */
public enum StorageLevel {
    /** Not persisted: every action recomputes the dataset. */
    NONE(false, false, false),
    /**
     * Deserialized objects in memory while they fit; a partition that does not is kept serialized instead, and
     * colder object partitions are serialized to make room before any is evicted. Evicted partitions are recomputed.
     */
    MEMORY_ONLY(true, false, true),
    /** Serialized bytes in memory (what {@code cache()} uses); evicted partitions are recomputed. */
    MEMORY_ONLY_SER(true, false, false),
    /**
     * Deserialized objects in memory, degrading to serialized bytes as {@link #MEMORY_ONLY} does; evicted
     * partitions are written to disk and read back.
     */
    MEMORY_AND_DISK(true, true, true),
    /** Serialized on local disk only. */
    DISK_ONLY(false, true, false);

    private final boolean useMemory;
    private final boolean useDisk;
    private final boolean deserialized;

    StorageLevel(boolean useMemory, boolean useDisk, boolean deserialized) {
        this.useMemory = useMemory;
        this.useDisk = useDisk;
        this.deserialized = deserialized;
    }

    /** Whether blocks may live in memory. */
    public boolean useMemory() {
        return useMemory;
    }

    /** Whether blocks may live on (or overflow to) disk. */
    public boolean useDisk() {
        return useDisk;
    }

    /** Whether in-memory blocks are kept as objects rather than bytes. */
    public boolean deserialized() {
        return deserialized;
    }

    /** Whether this level keeps anything at all. */
    public boolean isPersisted() {
        return this != NONE;
    }
}
