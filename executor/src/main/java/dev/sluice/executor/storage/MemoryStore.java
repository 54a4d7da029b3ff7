package dev.sluice.executor.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The blocks held in memory: a Caffeine cache bounded by the storage budget and weighed by each block's
 * (estimated or exact) size. It is made by the first block kept, since a job that caches nothing should not pay
 * for loading Caffeine (about 50 ms in a fresh JVM, a sixth of local mode's first job).
 *
 * <p>Deciding whether a block fits and putting it are one step under {@link #room()}, so that concurrent tasks
 * do not both claim the same free room. Under unified memory its capacity moves: it is whatever execution does not
 * use when a block is put, and execution {@linkplain #shrinkTo shrinks} it when it needs the room.
 */
final class MemoryStore {
    private final LongSupplier capacityBytes;
    private final BiConsumer<BlockId, MemoryBlock> onEviction;
    private final Object room = new Object();
    private volatile Cache<BlockId, MemoryBlock> cache;

    /**
     * @param capacityBytes the storage budget now: fixed, or whatever execution does not use under unified memory
     * @param onEviction    called with each block the cache evicts for room (not with removed ones)
     */
    MemoryStore(LongSupplier capacityBytes, BiConsumer<BlockId, MemoryBlock> onEviction) {
        this.capacityBytes = capacityBytes;
        this.onEviction = onEviction;
    }

    /** The lock to hold while deciding how a block is kept and putting it. */
    Object room() {
        return room;
    }

    long capacityBytes() {
        return capacityBytes.getAsLong();
    }

    /** The cache, made on first use (by a caller holding {@link #room()}). */
    private Cache<BlockId, MemoryBlock> cache() {
        Cache<BlockId, MemoryBlock> made = cache;
        if (made == null) {
            made = Caffeine.newBuilder()
                    .maximumWeight(capacityBytes())
                    .weigher((BlockId id, MemoryBlock block) -> (int) Math.min(Integer.MAX_VALUE, block.sizeBytes()))
                    .executor(Runnable::run)
                    .evictionListener(this::evicted)
                    .build();
            cache = made;
        }
        return made;
    }

    private void evicted(BlockId id, MemoryBlock block, RemovalCause cause) {
        if (block != null && cause.wasEvicted()) {
            onEviction.accept(id, block);
        }
    }

    /** The block held under {@code id}, or null. */
    MemoryBlock get(BlockId id) {
        Cache<BlockId, MemoryBlock> made = cache;
        return made == null ? null : made.getIfPresent(id);
    }

    /** Keeps {@code block}, evicting colder blocks if it does not fit. Call under {@link #room()}. */
    void put(BlockId id, MemoryBlock block) {
        Cache<BlockId, MemoryBlock> made = cache();
        made.policy().eviction().orElseThrow().setMaximum(capacityBytes()); // what execution leaves free now
        made.put(id, block);
    }

    /**
     * Evicts blocks, coldest first, until at most {@code bytes} are held: execution needs the room. The bound stays
     * until the next {@link #put} sets it to the capacity of that moment.
     */
    void shrinkTo(long bytes) {
        synchronized (room) {
            Cache<BlockId, MemoryBlock> made = cache;
            if (made != null && usedBytes() > bytes) {
                made.policy().eviction().orElseThrow().setMaximum(Math.max(0, bytes));
                made.cleanUp();
            }
        }
    }

    /** Bytes held (estimated for object blocks). */
    long usedBytes() {
        Cache<BlockId, MemoryBlock> made = cache;
        return made == null ? 0
                : made.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
    }

    long freeBytes() {
        return capacityBytes() - usedBytes();
    }

    /**
     * Replaces object blocks, coldest first, by what {@code compact} makes of them (their serialized form) while
     * that is smaller, until {@code needed} bytes are free or no object block is left. Call under {@link #room()}.
     *
     * @return how many blocks were replaced
     */
    int compactColdest(long needed, Function<MemoryBlock.Objects, MemoryBlock.Bytes> compact) {
        int replaced = 0;
        if (freeBytes() >= needed) {
            return replaced;
        }
        Cache<BlockId, MemoryBlock> made = cache();
        Map<BlockId, MemoryBlock> coldest = made.policy().eviction().orElseThrow().coldest(Integer.MAX_VALUE);
        for (Map.Entry<BlockId, MemoryBlock> entry : coldest.entrySet()) {
            if (entry.getValue() instanceof MemoryBlock.Objects objects) {
                MemoryBlock.Bytes smaller = compact.apply(objects);
                if (smaller.sizeBytes() < objects.sizeBytes() && made.asMap().replace(entry.getKey(), objects, smaller)) {
                    replaced++;
                    made.cleanUp();
                    if (freeBytes() >= needed) {
                        return replaced;
                    }
                }
            }
        }
        return replaced;
    }

    /** Drops every block of lineage node {@code nodeId}. */
    void removeNode(int nodeId) {
        Cache<BlockId, MemoryBlock> made = cache;
        if (made != null) {
            made.asMap().keySet().removeIf(id -> id.nodeId() == nodeId);
        }
    }

    void clear() {
        Cache<BlockId, MemoryBlock> made = cache;
        if (made != null) {
            made.invalidateAll();
        }
    }
}
