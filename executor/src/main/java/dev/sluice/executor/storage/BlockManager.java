package dev.sluice.executor.storage;

import dev.sluice.common.Iterators;
import dev.sluice.executor.memory.MemoryManager;
import dev.sluice.executor.memory.StorageMemory;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.SizeEstimator;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.storage.StorageLevel;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps the partitions of persisted datasets: decides how each block is kept, over a {@link MemoryStore} (a
 * Caffeine cache bounded by the storage budget), a {@link DiskStore} (one file per block), and
 * {@link BlockLocks}, so that tasks missing the same block compute it once.
 *
 * <p>A deserialized level keeps a partition as objects while it fits the free budget. When it does not,
 * the partition is kept serialized instead, and colder object blocks are serialized to make room for it:
 * the cache degrades to bytes, a fraction of the size, before it gives anything up. Only then is a block
 * evicted: written to disk if its level allows it, otherwise dropped and later recomputed from lineage.
 * A block too large for the whole budget even serialized is never cached in memory.
 */
public final class BlockManager implements AutoCloseable {
    /** Records materialized between two size checks while a block is unrolled. */
    private static final int UNROLL_CHECK_INTERVAL = 1024;

    private final Serializer serializer;
    private final EngineMetrics metrics;
    private final MemoryStore memory;
    private final DiskStore disk;
    private final BlockLocks locks = new BlockLocks();
    private final Queue<BlockId> stored = new ConcurrentLinkedQueue<>();
    private volatile boolean reportStored;
    private volatile RemoteBlocks remote;

    /** Where an executor finds cached blocks that other executors hold. */
    @FunctionalInterface
    public interface RemoteBlocks {
        /** The serialized records of block {@code id} from another executor, or null if none holds it (or it failed). */
        byte[] fetch(BlockId id);
    }

    /** A block manager with a fixed {@code storageBytes} of memory, spilling blocks to {@code dirs}. */
    public BlockManager(long storageBytes, Serializer serializer, LocalDirectory dirs, EngineMetrics metrics) {
        this(() -> storageBytes, serializer, dirs, metrics);
    }

    private BlockManager(LongSupplier storageBytes, Serializer serializer, LocalDirectory dirs, EngineMetrics metrics) {
        this.serializer = serializer;
        this.metrics = metrics;
        this.memory = new MemoryStore(storageBytes, this::evicted);
        this.disk = new DiskStore(serializer, dirs);
    }

    /**
     * A block manager whose memory is the storage side of {@code unified}: it may use whatever execution does not,
     * and execution evicts its blocks (down to the protected floor) when it needs the room.
     */
    public static BlockManager unified(MemoryManager unified, Serializer serializer, LocalDirectory dirs,
                                       EngineMetrics metrics) {
        BlockManager blocks = new BlockManager(unified::storageCapacity, serializer, dirs, metrics);
        unified.attachStorage(new StorageMemory() {
            @Override
            public long usedBytes() {
                return blocks.memory.usedBytes();
            }

            @Override
            public void shrinkTo(long bytes) {
                blocks.memory.shrinkTo(bytes);
            }
        });
        return blocks;
    }

    /**
     * The records of block {@code id}: from memory or disk if present, otherwise computed by
     * {@code compute} and stored at {@code level}.
     */
    public Lookup getOrCompute(BlockId id, StorageLevel level, Supplier<Iterator<?>> compute) {
        while (true) {
            Iterator<Object> found = get(id);
            if (found != null) {
                metrics.cacheHits.increment();
                return new Lookup(found, true);
            }
            RemoteBlocks others = remote;
            byte[] fetched = others == null ? null : others.fetch(id);
            if (fetched != null) {
                metrics.cacheRemoteHits.increment();
                return new Lookup(MemoryBlock.Bytes.read(fetched, serializer), true);
            }
            if (locks.acquireOrAwait(id)) {
                try {
                    Iterator<Object> storedMeanwhile = get(id);
                    if (storedMeanwhile != null) {
                        metrics.cacheHits.increment();
                        return new Lookup(storedMeanwhile, true);
                    }
                    metrics.cacheMisses.increment();
                    return new Lookup(store(id, level, compute.get()), false);
                } finally {
                    locks.release(id);
                }
            }
            // Another task computed the block meanwhile: read what it stored (or, if it could not keep it, compute).
        }
    }

    /** A block's records, and whether they came from the store (true) or were just computed. */
    public record Lookup(Iterator<Object> records, boolean hit) {
    }

    /** The records of a stored block, or null. */
    public Iterator<Object> get(BlockId id) {
        MemoryBlock block = memory.get(id);
        return block != null ? block.iterator(serializer) : disk.read(id);
    }

    /** Whether the block is held anywhere. */
    public boolean contains(BlockId id) {
        return memory.get(id) != null || disk.contains(id);
    }

    private Iterator<Object> store(BlockId id, StorageLevel level, Iterator<?> records) {
        if (!level.useMemory()) {
            return disk.read(writeFile(id, records));
        }
        if (level.deserialized()) {
            return storeObjects(id, level, records);
        }
        return storeBytes(id, level, records);
    }

    /**
     * Unrolls the records into a list, estimating their size incrementally from sampled records so that
     * unrolling stays linear, and keeps the list as objects if it fits the free storage memory. Once it
     * outgrows the free memory, the block is kept serialized instead, which usually takes a fraction of the
     * room, rather than pushing other blocks out: the records unrolled so far and the rest are serialized as
     * they are read, so they die young instead of filling the old generation first.
     */
    private Iterator<Object> storeObjects(BlockId id, StorageLevel level, Iterator<?> records) {
        List<Object> values = new ArrayList<>();
        RecordSizeSampler sampler = new RecordSizeSampler();
        long free = freeBytes();
        while (records.hasNext()) {
            Object record = records.next();
            values.add(record);
            sampler.observe(record, null);
            if (values.size() % UNROLL_CHECK_INTERVAL == 0 && estimate(values, sampler) > free
                    && estimate(values, sampler) > (free = freeBytes())) {
                return storeBytes(id, level, Iterators.concat(values.iterator(), records));
            }
        }
        MemoryBlock.Objects block = new MemoryBlock.Objects(values, estimate(values, sampler), level);
        synchronized (memory.room()) {
            if (block.sizeBytes() <= freeBytes()) {
                memory.put(id, block);
                noteStored(id);
                return values.iterator();
            }
        }
        Unrolled serialized = serializeUpTo(values.iterator(), maxBytesBlock());
        if (serialized.complete()) {
            putBytes(id, new MemoryBlock.Bytes(serialized.bytes(), level));
        } else if (level.useDisk()) {
            writeFile(id, values.iterator());
        }
        return values.iterator();
    }

    private long freeBytes() {
        return memory.freeBytes();
    }

    /**
     * Serializes the records into one block kept in memory, making room by serializing colder object blocks
     * first. A block that outgrows the budget (or the largest array) is not kept in memory: it goes to disk if
     * its level allows, and is otherwise returned without being kept.
     */
    private Iterator<Object> storeBytes(BlockId id, StorageLevel level, Iterator<?> records) {
        Unrolled serialized = serializeUpTo(records, maxBytesBlock());
        Iterator<Object> read = MemoryBlock.Bytes.read(serialized.bytes(), serializer);
        if (serialized.complete()) {
            putBytes(id, new MemoryBlock.Bytes(serialized.bytes(), level));
            return read;
        }
        Iterator<Object> all = Iterators.concat(read, records);
        return level.useDisk() ? disk.read(writeFile(id, all)) : all;
    }

    private long maxBytesBlock() {
        return Math.min(memory.capacityBytes() - MemoryBlock.Bytes.OVERHEAD, Integer.MAX_VALUE - 64);
    }

    /**
     * Keeps a serialized block in memory, making room first by serializing colder object blocks, so that the
     * cache keeps more partitions serialized instead of dropping whole ones; what is still missing after that,
     * the cache evicts as usual.
     */
    private void putBytes(BlockId id, MemoryBlock.Bytes block) {
        synchronized (memory.room()) {
            int serialized = memory.compactColdest(block.sizeBytes(),
                    objects -> new MemoryBlock.Bytes(serialize(objects.values().iterator()), objects.level()));
            metrics.cacheSerialized.increment(serialized);
            memory.put(id, block);
        }
        noteStored(id);
    }

    private void noteStored(BlockId id) {
        if (reportStored) {
            stored.add(id);
        }
    }

    /**
     * Starts keeping the ids of blocks as they are stored, for {@link #drainStored()}: an executor process
     * reports them so the driver can send tasks where their cached input is.
     */
    public void reportStoredBlocks() {
        reportStored = true;
    }

    /** Reads blocks this executor does not hold from the executors that do, before computing them. */
    public void remoteBlocks(RemoteBlocks source) {
        this.remote = source;
    }

    /** Block {@code id}'s records serialized for another executor, or null if this executor does not hold it. */
    public byte[] serializedBlock(BlockId id) {
        if (memory.get(id) instanceof MemoryBlock.Bytes block) {
            return block.bytes();
        }
        Iterator<Object> records = get(id);
        return records == null ? null : serialize(records);
    }

    /** The blocks stored since the last call (empty unless {@link #reportStoredBlocks()} was called). */
    public List<BlockId> drainStored() {
        List<BlockId> out = new ArrayList<>();
        for (BlockId id = stored.poll(); id != null; id = stored.poll()) {
            out.add(id);
        }
        return out;
    }

    private static long estimate(List<Object> values, RecordSizeSampler sampler) {
        return SizeEstimator.referenceArrayBytes(values.size()) + sampler.estimate(values.size());
    }

    private void evicted(BlockId id, MemoryBlock block) {
        metrics.cacheEvictions.increment();
        if (block.level().useDisk()) {
            writeFile(id, block.iterator(serializer));
        }
    }

    /** Drops every block of lineage node {@code nodeId}, in memory and on disk. */
    public void removeNode(int nodeId) {
        memory.removeNode(nodeId);
        disk.removeNode(nodeId);
    }

    private Path writeFile(BlockId id, Iterator<?> records) {
        Path file = disk.write(id, records);
        noteStored(id);
        return file;
    }

    private byte[] serialize(Iterator<?> records) {
        return serializeUpTo(records, Long.MAX_VALUE).bytes();
    }

    /** Records serialized from the front of an iterator, and whether that was all of them. */
    private record Unrolled(byte[] bytes, boolean complete) {
    }

    /** Serializes records until the iterator ends or the bytes exceed {@code limit}, which leaves the rest unread. */
    private Unrolled serializeUpTo(Iterator<?> records, long limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean complete = true;
        try (RecordOutput out = serializer.newOutput(bytes)) {
            while (records.hasNext()) {
                out.write(records.next());
                if (out.bytesWritten() > limit) {
                    complete = !records.hasNext();
                    break;
                }
            }
        }
        return new Unrolled(bytes.toByteArray(), complete && bytes.size() <= limit);
    }

    /** Bytes held in memory (estimated for object blocks). */
    public long memoryUsed() {
        return memory.usedBytes();
    }

    @Override
    public void close() {
        memory.clear();
        disk.clear();
    }
}
