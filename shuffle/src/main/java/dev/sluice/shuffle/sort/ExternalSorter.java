package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.Cancellation;
import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.collection.PairBuffer;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.Serializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Sorts key/value pairs by key with bounded memory. Pairs are buffered in memory and accounted against the
 * task's memory; when memory is refused, the buffer is sorted and written to a spill file as a sorted run.
 * {@link #sortedIterator} merges the runs with the sorted in-memory rest.
 *
 * <p>With a {@link KeyPrefix}, pairs are kept serialized ({@link SerializedPairBuffer}), which spares the
 * garbage collector a partition's worth of long-lived objects and makes the accounting exact. A key the
 * prefix does not support, or a pair the serializer cannot write, moves the buffer back to objects
 * ({@link PairBuffer}, its size estimated by sampling) for good.
 *
 * <p>Pairs with equal keys come out in no particular order. The comparator sees every key, including
 * nulls if any were inserted.
 * Closing deletes the spill files and releases the memory; exhausting the sorted iterator closes the
 * sorter. Not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ExternalSorter<K, V> extends SpillableCollection {

    private final Comparator<? super K> keyOrder;
    private final KeyPrefix keyPrefix;
    private final RecordSizeSampler sampler = new RecordSizeSampler();
    private PairBuffer<K, V> buffer = new PairBuffer<>();
    /** The pairs, while they are kept serialized; null once they are not (or without a prefix). */
    private SerializedPairBuffer<K, V> serialized;

    /** Creates an empty sorter. */
    public ExternalSorter(
            Comparator<? super K> keyOrder,
            LocalDirectory dirs,
            Serializer serializer,
            TaskMemory memory,
            ShuffleMetricsListener metrics) {
        this(keyOrder, null, dirs, serializer, memory, metrics);
    }

    /**
     * A sorter that orders by {@code keyPrefix} first (null: none) and by {@code keyOrder} where prefixes tie;
     * the prefix must agree with the order (see {@link KeyPrefix}).
     */
    public ExternalSorter(
            Comparator<? super K> keyOrder,
            KeyPrefix keyPrefix,
            LocalDirectory dirs,
            Serializer serializer,
            TaskMemory memory,
            ShuffleMetricsListener metrics) {
        super("sort", dirs, serializer, memory, metrics);
        this.keyOrder = Objects.requireNonNull(keyOrder, "keyOrder");
        this.keyPrefix = keyPrefix;
        this.serialized = keyPrefix == null ? null : new SerializedPairBuffer<>(serializer, keyPrefix);
    }

    /** Adds a pair. */
    public void insert(K key, V value) {
        requireInsertable();
        if (serialized != null) {
            if (keyPrefix.supports(key) && serialized.tryAdd(key, value)) {
                if (!reservation.cover(serialized.footprint())) {
                    spill();
                }
                return;
            }
            serialized.forEachInAddedOrder(buffer::add);
            serialized = null;
        }
        buffer.add(key, value);
        sampler.observe(key, value);
        if (!reservation.cover(buffer.footprint() + sampler.estimate(buffer.size()))) {
            spill();
        }
    }

    /** Adds the key and value of every record. */
    public <R> void insertAll(Iterator<R> records, RecordShape<R, K, V> shape) {
        long count = 0;
        while (records.hasNext()) {
            Cancellation.checkEvery(count++);
            R record = records.next();
            insert(shape.key(record), shape.value(record));
        }
    }

    /**
     * Returns all inserted pairs as records, sorted by key. Can be called once; the sorter takes no
     * more pairs afterwards and closes itself when the iterator is exhausted or closed.
     */
    public <R> CloseableIterator<R> sortedIterator(RecordShape<R, K, V> shape) {
        Objects.requireNonNull(shape, "shape");
        startIterating();
        runs.<K, V>mergeDownTo(1, this::mergedInOrder);
        List<PairCursor<K, V>> cursors = new ArrayList<>(runs.openCursors());
        if (serialized != null) {
            serialized.sort(keyOrder);
            cursors.add(serialized.sortedCursor());
        } else {
            buffer.sort(keyOrder, keyPrefix);
            cursors.add(new BufferCursor<>(buffer));
        }
        return new SortedMergeIterator<>(cursors, keyOrder, shape, this::close);
    }

    /** The runs merged into one, still sorted by key. */
    private PairCursor<K, V> mergedInOrder(List<PairCursor<K, V>> cursors) {
        MergedCursor<K, V> merged = new MergedCursor<>();
        return merged.of(new SortedMergeIterator<>(cursors, keyOrder, merged.shape(), () -> { }));
    }

    @Override
    void dropInMemory() {
        buffer = new PairBuffer<>();
        serialized = null; // closed: it takes no more pairs
    }

    @Override
    boolean spillInMemory() {
        if (serialized != null) {
            if (serialized.size() == 0) {
                return false;
            }
            serialized.sort(keyOrder);
            runs.write(serialized);
            serialized.clear();
        } else {
            if (buffer.size() == 0) {
                return false;
            }
            buffer.sort(keyOrder, keyPrefix);
            runs.write(new BufferCursor<>(buffer));
            buffer.clear();
        }
        return true;
    }

}
