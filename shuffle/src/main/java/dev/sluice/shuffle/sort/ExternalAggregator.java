package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.Cancellation;
import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.collection.CombineMap;
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
 * Combines values by key with bounded memory. Values and partial combiners are folded into an
 * in-memory hash map whose size is estimated by sampling and accounted against the task's memory; when
 * memory is refused, the map's entries are sorted by key hash code and written to a spill file as a
 * run. {@link #iterator} merges the runs with the in-memory rest by hash code, merging the combiners of
 * equal keys, so each distinct key comes out exactly once.
 *
 * <p>Null keys are supported. Keys must have value-based {@code equals} and {@code hashCode} that
 * survive serialization. Closing deletes the spill files and releases the memory; exhausting the
 * iterator closes the aggregator. Not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <C> the combiner type
 */
public final class ExternalAggregator<K, V, C> extends SpillableCollection {

    private static final Comparator<Object> HASH_ORDER = Comparator.comparingInt(Objects::hashCode);

    private final Combiner<V, C> combiner;
    private final RecordSizeSampler sampler = new RecordSizeSampler();
    private final CombineMap<K, C> map = new CombineMap<>();

    /** Creates an empty aggregator. */
    public ExternalAggregator(
            Combiner<V, C> combiner,
            LocalDirectory dirs,
            Serializer serializer,
            TaskMemory memory,
            ShuffleMetricsListener metrics) {
        super("aggregate", dirs, serializer, memory, metrics);
        this.combiner = Objects.requireNonNull(combiner, "combiner");
    }

    /** Folds a value into its key's combiner ({@code createCombiner} or {@code mergeValue}). */
    public void insertValue(K key, V value) {
        requireInsertable();
        afterUpdate(key, map.addValue(key, value, combiner));
    }

    /** Merges a partial combiner into its key's combiner ({@code mergeCombiners}). */
    public void insertCombiner(K key, C partial) {
        requireInsertable();
        afterUpdate(key, map.addCombiner(key, partial, combiner));
    }

    /** Folds in the key and value of every record. */
    public <R> void insertAllValues(Iterator<R> records, RecordShape<R, K, V> shape) {
        map.packKeysWith(shape.keyPacking());
        long count = 0;
        while (records.hasNext()) {
            Cancellation.checkEvery(count++);
            R record = records.next();
            insertValue(shape.key(record), shape.value(record));
        }
    }

    /** Merges in the key and partial combiner of every record, such as records read from a shuffle. */
    public <R> void insertAllCombiners(Iterator<R> records, RecordShape<R, K, C> shape) {
        map.packKeysWith(shape.keyPacking());
        long count = 0;
        while (records.hasNext()) {
            Cancellation.checkEvery(count++);
            R record = records.next();
            insertCombiner(shape.key(record), shape.value(record));
        }
    }

    /**
     * Returns every distinct key once with its fully merged combiner, in no particular order. Can be
     * called once; the aggregator takes no more input afterwards and closes itself when the iterator is
     * exhausted or closed.
     */
    public <R> CloseableIterator<R> iterator(RecordShape<R, K, C> shape) {
        Objects.requireNonNull(shape, "shape");
        startIterating();
        if (runs.isEmpty()) {
            // Every key is in the map exactly once: no order is needed and nothing to merge. Reading the map in place
            // makes each key and combiner only when it is emitted, instead of all of them at once.
            return new CursorIterator<>(new MapCursor<>(map.cursor()), shape, this::close);
        }
        PairBuffer<K, C> inMemory = drainMapSortedByHash();
        runs.<K, C>mergeDownTo(1, this::mergedByHash);
        List<PairCursor<K, C>> cursors = new ArrayList<>(runs.openCursors());
        cursors.add(new BufferCursor<>(inMemory));
        return new HashMergeIterator<>(cursors, combiner.mergeCombiners(), shape, this::close);
    }

    /** The runs merged into one, still sorted by hash, each key once with its combiners merged. */
    private PairCursor<K, C> mergedByHash(List<PairCursor<K, C>> cursors) {
        MergedCursor<K, C> merged = new MergedCursor<>();
        return merged.of(new HashMergeIterator<>(cursors, combiner.mergeCombiners(), merged.shape(), () -> { }));
    }

    @Override
    void dropInMemory() {
        map.clear();
    }

    private void afterUpdate(K key, C updated) {
        sampler.observe(key, updated);
        if (!reservation.cover(map.footprint() + sampler.estimate(map.size()))) {
            spill();
        }
    }

    @Override
    boolean spillInMemory() {
        if (map.size() == 0) {
            return false;
        }
        runs.write(new BufferCursor<>(drainMapSortedByHash()));
        return true;
    }

    /** Moves the map's entries into a buffer sorted by key hash code, and empties the map. */
    private PairBuffer<K, C> drainMapSortedByHash() {
        PairBuffer<K, C> pairs = new PairBuffer<>();
        map.forEach(pairs::add);
        map.clear();
        pairs.sort(HASH_ORDER);
        return pairs;
    }

}
