package dev.sluice.executor.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.sluice.common.Iterators;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.SizeEstimator;
import dev.sluice.shuffle.serializer.RecordInput;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.storage.StorageLevel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps the partitions of persisted datasets. In memory, blocks live in a Caffeine cache bounded
 * by the storage budget and weighed by their estimated (objects) or exact (bytes) size.
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

    private final long storageBytes;
    private final Serializer serializer;
    private final LocalDirectory dirs;
    private final EngineMetrics metrics;
    /**
     * The blocks held in memory; made by the first block kept there, since a job that caches nothing should not
     * pay for loading Caffeine (about 50 ms in a fresh JVM, a sixth of local mode's first job).
     */
    private volatile Cache<BlockId, MemoryBlock> memory;
    private final Map<BlockId, Path> disk = new ConcurrentHashMap<>();
    private final java.util.Queue<BlockId> stored = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean reportStored;
    private volatile RemoteBlocks remote;
    /** Held while deciding how a block is kept, so that concurrent tasks do not both claim the same free room. */
    private final Object room = new Object();

    /** Where an executor finds cached blocks that other executors hold. */
    @FunctionalInterface
    public interface RemoteBlocks {
        /** The serialized records of block {@code id} from another executor, or null if none holds it (or it failed). */
        byte[] fetch(BlockId id);
    }

    public BlockManager(long storageBytes, Serializer serializer, LocalDirectory dirs, EngineMetrics metrics) {
        this.storageBytes = storageBytes;
        this.serializer = serializer;
        this.dirs = dirs;
        this.metrics = metrics;
    }

    /** The memory store, made on first use (by a caller holding {@link #room}). */
    private Cache<BlockId, MemoryBlock> memory() {
        Cache<BlockId, MemoryBlock> cache = memory;
        if (cache == null) {
            cache = Caffeine.newBuilder()
                    .maximumWeight(storageBytes)
                    .weigher((BlockId id, MemoryBlock block) -> (int) Math.min(Integer.MAX_VALUE, block.sizeBytes()))
                    .executor(Runnable::run)
                    .evictionListener(this::evicted)
                    .build();
            memory = cache;
        }
        return cache;
    }

    /** The block held in memory under {@code id}, or null. */
    private MemoryBlock inMemory(BlockId id) {
        Cache<BlockId, MemoryBlock> cache = memory;
        return cache == null ? null : cache.getIfPresent(id);
    }

    /**
     * The records of block {@code id}: from memory or disk if present, otherwise computed by
     * {@code compute} and stored at {@code level}.
     */
    public Lookup getOrCompute(BlockId id, StorageLevel level, Supplier<Iterator<?>> compute) {
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
        metrics.cacheMisses.increment();
        return new Lookup(store(id, level, compute.get()), false);
    }

    /** A block's records, and whether they came from the store (true) or were just computed. */
    public record Lookup(Iterator<Object> records, boolean hit) {
    }

    /** The records of a stored block, or null. */
    public Iterator<Object> get(BlockId id) {
        MemoryBlock block = inMemory(id);
        if (block != null) {
            return block.iterator(serializer);
        }
        Path file = disk.get(id);
        if (file != null && Files.exists(file)) {
            return readFile(file);
        }
        return null;
    }

    /** Whether the block is held anywhere. */
    public boolean contains(BlockId id) {
        return inMemory(id) != null || disk.containsKey(id);
    }

    private Iterator<Object> store(BlockId id, StorageLevel level, Iterator<?> records) {
        if (!level.useMemory()) {
            return readFile(writeFile(id, records));
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
        synchronized (room) {
            if (block.sizeBytes() <= freeBytes()) {
                memory().put(id, block);
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
        return storageBytes - memoryUsed();
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
        return level.useDisk() ? readFile(writeFile(id, all)) : all;
    }

    private long maxBytesBlock() {
        return Math.min(storageBytes - MemoryBlock.Bytes.OVERHEAD, Integer.MAX_VALUE - 64);
    }

    private void putBytes(BlockId id, MemoryBlock.Bytes block) {
        synchronized (room) {
            makeRoom(block.sizeBytes());
            memory().put(id, block);
        }
        noteStored(id);
    }

    /**
     * Serializes object blocks, coldest first, until {@code needed} bytes of storage are free or none is left,
     * so that the cache keeps more partitions serialized instead of dropping whole ones. What is still missing
     * after that, the cache evicts as usual.
     */
    private void makeRoom(long needed) {
        if (freeBytes() >= needed) {
            return;
        }
        Cache<BlockId, MemoryBlock> memory = memory();
        Map<BlockId, MemoryBlock> coldest = memory.policy().eviction().orElseThrow().coldest(Integer.MAX_VALUE);
        for (Map.Entry<BlockId, MemoryBlock> entry : coldest.entrySet()) {
            if (entry.getValue() instanceof MemoryBlock.Objects objects) {
                byte[] bytes = serialize(objects.values().iterator());
                MemoryBlock.Bytes compact = new MemoryBlock.Bytes(bytes, objects.level());
                if (compact.sizeBytes() < objects.sizeBytes()
                        && memory.asMap().replace(entry.getKey(), objects, compact)) {
                    metrics.cacheSerialized.increment();
                    memory.cleanUp();
                    if (freeBytes() >= needed) {
                        return;
                    }
                }
            }
        }
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
        if (inMemory(id) instanceof MemoryBlock.Bytes block) {
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

    private void evicted(BlockId id, MemoryBlock block, RemovalCause cause) {
        if (block == null || !cause.wasEvicted()) {
            return;
        }
        metrics.cacheEvictions.increment();
        if (block.level().useDisk()) {
            writeFile(id, block.iterator(serializer));
        }
    }

    /** Drops every block of lineage node {@code nodeId}, in memory and on disk. */
    public void removeNode(int nodeId) {
        Cache<BlockId, MemoryBlock> memory = this.memory;
        if (memory != null) {
            memory.asMap().keySet().removeIf(id -> id.nodeId() == nodeId);
        }
        disk.entrySet().removeIf(e -> {
            if (e.getKey().nodeId() != nodeId) {
                return false;
            }
            deleteQuietly(e.getValue());
            return true;
        });
    }

    private Path writeFile(BlockId id, Iterator<?> records) {
        Path file = dirs.newSpillFile("block-" + id);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             RecordOutput records2 = serializer.newOutput(out)) {
            while (records.hasNext()) {
                records2.write(records.next());
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file); // no partial block file stays behind, whatever failed
            throw dirs.writeFailure(file, "caching block " + id, e, "Cannot write block " + id + " to " + file);
        }
        Path previous = disk.put(id, file);
        noteStored(id);
        if (previous != null && !previous.equals(file)) {
            deleteQuietly(previous);
        }
        return file;
    }

    private Iterator<Object> readFile(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return MemoryBlock.recordsOf(serializer.newInput(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cached block " + file, e);
        }
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the whole local directory is deleted on close
        }
    }

    /** Bytes held in memory (estimated for object blocks). */
    public long memoryUsed() {
        Cache<BlockId, MemoryBlock> memory = this.memory;
        return memory == null ? 0
                : memory.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
    }

    @Override
    public void close() {
        Cache<BlockId, MemoryBlock> memory = this.memory;
        if (memory != null) {
            memory.invalidateAll();
        }
        disk.clear();
    }

    /** A block held in memory, as objects or as serialized bytes. */
    sealed interface MemoryBlock {
        long sizeBytes();

        StorageLevel level();

        Iterator<Object> iterator(Serializer serializer);

        /** The records of a serialized stream; closes the stream when exhausted or closed early. */
        static CloseableIterator<Object> recordsOf(RecordInput input) {
            return new CloseableIterator<>() {
                private boolean closed;

                @Override
                public boolean hasNext() {
                    if (closed) {
                        return false;
                    }
                    if (input.atEnd()) {
                        close();
                        return false;
                    }
                    return true;
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return input.read();
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        input.close();
                    }
                }
            };
        }

        /** Deserialized records. */
        record Objects(List<Object> values, long sizeBytes, StorageLevel level) implements MemoryBlock {
            @Override
            public Iterator<Object> iterator(Serializer serializer) {
                return values.iterator();
            }
        }

        /** Serialized records. */
        record Bytes(byte[] bytes, StorageLevel level) implements MemoryBlock {
            /** Heap beyond the bytes themselves: the array header and the record. */
            static final long OVERHEAD = 16;

            @Override
            public long sizeBytes() {
                return bytes.length + OVERHEAD;
            }

            @Override
            public Iterator<Object> iterator(Serializer serializer) {
                return read(bytes, serializer);
            }

            static Iterator<Object> read(byte[] bytes, Serializer serializer) {
                return recordsOf(serializer.newInput(new ByteArrayInputStream(bytes)));
            }
        }
    }
}
