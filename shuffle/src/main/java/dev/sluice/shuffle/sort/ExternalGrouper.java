package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.Cancellation;
import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.collection.HashRadixSort;
import dev.sluice.shuffle.collection.LongPairBuffer;
import dev.sluice.shuffle.collection.PairBuffer;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.serializer.Serializer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Groups values by key into lists with bounded memory, for {@code groupByKey}. Unlike
 * {@link ExternalAggregator}, it never looks a key up while records arrive: pairs are appended to a
 * buffer, and grouping happens once, by sorting the buffer on key hash codes (a radix sort over
 * {@code (hash, index)} longs) and collecting each key's run of values into a list of exactly its
 * size. Appending to one list per key as values arrive scatters writes over the heap, which made
 * grouping memory-bound. When memory is refused, the grouped buffer is written as a run sorted by
 * hash code; {@link #iterator} merges the runs, concatenating the lists of equal keys.
 *
 * <p>While every key is a box of one integral class ({@code Integer} or {@code Long}) and so is every value, as
 * in a graph's edges, the pairs are kept as longs ({@link LongPairBuffer}) and each key's list is made only when
 * the iterator reaches it: a partition held as boxes outlives young collections and is copied into the old
 * generation to die there. The first pair of other classes moves the pairs to objects for good.
 *
 * <p>Null keys and values are supported. Not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ExternalGrouper<K, V> extends SpillableCollection {
    /** Grouping needs, per buffered pair, its sort entry (two longs while sorting) and its list slot. */
    static final long GROUPING_BYTES_PER_PAIR = 24;

    private final RecordSizeSampler sampler = new RecordSizeSampler();
    private PairBuffer<K, V> buffer = new PairBuffer<>();
    /** The pairs while all are integral boxes; null once one is not. */
    private LongPairBuffer longPairs = new LongPairBuffer();

    /** Creates an empty grouper. */
    public ExternalGrouper(LocalDirectory dirs, Serializer serializer, TaskMemory memory, ShuffleMetricsListener metrics) {
        super("group", dirs, serializer, memory, metrics);
    }

    /** Adds the key and value of every record. */
    public <R> void insertAll(Iterator<R> records, RecordShape<R, K, V> shape) {
        requireInsertable();
        long count = 0;
        while (records.hasNext()) {
            Cancellation.checkEvery(count++);
            R record = records.next();
            K key = shape.key(record);
            V value = shape.value(record);
            if (longPairs != null) {
                if (longPairs.tryAdd(key, value)) {
                    if (!reservation.cover(longPairs.footprint() + longPairs.size() * LongPairGroups.BYTES_PER_PAIR)) {
                        spill();
                    }
                    continue;
                }
                moveLongPairsToObjects();
            }
            buffer.add(key, value);
            sampler.observe(key, value);
            long usage = buffer.footprint() + buffer.size() * GROUPING_BYTES_PER_PAIR + sampler.estimate(buffer.size());
            if (!reservation.cover(usage)) {
                spill();
            }
        }
    }

    /**
     * Returns every distinct key once with the list of all its values, in no particular order. Can be
     * called once; the grouper closes itself when the iterator is exhausted or closed.
     */
    public <R> CloseableIterator<R> iterator(RecordShape<R, K, List<V>> shape) {
        Objects.requireNonNull(shape, "shape");
        startIterating();
        runs.<K, List<V>>mergeDownTo(1, cursors -> {
            MergedCursor<K, List<V>> merged = new MergedCursor<>();
            return merged.of(new HashMergeIterator<>(cursors, ExternalGrouper::concat, merged.shape(), () -> { }));
        });
        List<PairCursor<K, List<V>>> cursors = new ArrayList<>(runs.openCursors());
        if (longPairs != null) {
            cursors.add(new LongPairGroups<>(longPairs));
        } else {
            cursors.add(new BufferCursor<>(group(buffer)));
            buffer = new PairBuffer<>();
        }
        return new HashMergeIterator<>(cursors, ExternalGrouper::concat, shape, this::close);
    }

    private static <V> List<V> concat(List<V> a, List<V> b) {
        a.addAll(b);
        return a;
    }

    /** The pairs grouped into one list per distinct key, ordered by key hash code. */
    static <K, V> PairBuffer<K, List<V>> group(PairBuffer<K, V> pairs) {
        int n = pairs.size();
        long[] order = new long[n];
        Class<?> keyClass = n == 0 || pairs.key(0) == null ? null : pairs.key(0).getClass();
        boolean hashIsKey = keyClass != null;
        for (int i = 0; i < n; i++) {
            K key = pairs.key(i);
            order[i] = (long) Objects.hashCode(key) << 32 | i;
            hashIsKey = hashIsKey && key != null && key.getClass() == keyClass && hashIdentifies(key);
        }
        HashRadixSort.sort(order, n);
        PairBuffer<K, List<V>> grouped = new PairBuffer<>();
        int start = 0;
        while (start < n) {
            int hash = (int) (order[start] >> 32);
            int end = start + 1;
            while (end < n && (int) (order[end] >> 32) == hash) {
                end++;
            }
            groupRun(pairs, order, start, end, hashIsKey, grouped);
            start = end;
        }
        return grouped;
    }

    /**
     * Whether no other key of its class has its hash code: integral boxes whose value fits an {@code int}. Such
     * keys need no {@code equals} once sorted by hash, which spares a random memory access per record.
     */
    private static boolean hashIdentifies(Object key) {
        if (key instanceof Long value) {
            return value == (int) (long) value;
        }
        return key instanceof Integer || key instanceof Short || key instanceof Byte || key instanceof Character;
    }

    /**
     * Groups the pairs of one hash code, {@code order[start, end)}: usually one key, more on collisions, and
     * certainly one when {@code hashIsKey} (every key {@link #hashIdentifies} and is of one class).
     */
    private static <K, V> void groupRun(PairBuffer<K, V> pairs, long[] order, int start, int end, boolean hashIsKey,
                                        PairBuffer<K, List<V>> grouped) {
        K first = pairs.key((int) order[start]);
        int sameAsFirst = hashIsKey ? end - start : 1;
        while (start + sameAsFirst < end && Objects.equals(first, pairs.key((int) order[start + sameAsFirst]))) {
            sameAsFirst++;
        }
        if (start + sameAsFirst == end) {
            List<V> values = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                values.add(pairs.value((int) order[i]));
            }
            grouped.add(first, values);
            return;
        }
        // colliding hash codes: collect each distinct key's values, in arrival order
        List<K> keys = new ArrayList<>();
        List<List<V>> lists = new ArrayList<>();
        for (int i = start; i < end; i++) {
            int index = (int) order[i];
            K key = pairs.key(index);
            int found = -1;
            for (int k = 0; k < keys.size() && found < 0; k++) {
                if (Objects.equals(keys.get(k), key)) {
                    found = k;
                }
            }
            if (found < 0) {
                keys.add(key);
                lists.add(new ArrayList<>());
                found = keys.size() - 1;
            }
            lists.get(found).add(pairs.value(index));
        }
        for (int k = 0; k < keys.size(); k++) {
            grouped.add(keys.get(k), lists.get(k));
        }
    }

    @SuppressWarnings("unchecked")
    private void moveLongPairsToObjects() {
        longPairs.forEach((key, value) -> buffer.add((K) key, (V) value));
        longPairs = null;
    }

    @Override
    boolean spillInMemory() {
        if (longPairs != null) {
            if (longPairs.size() == 0) {
                return false;
            }
            runs.write(new LongPairGroups<>(longPairs));
            longPairs = new LongPairBuffer();
        } else {
            if (buffer.size() == 0) {
                return false;
            }
            runs.write(new BufferCursor<>(group(buffer)));
            buffer = new PairBuffer<>();
        }
        return true;
    }

    @Override
    void dropInMemory() {
        buffer = new PairBuffer<>();
        if (longPairs != null) {
            longPairs = new LongPairBuffer();
        }
    }

}
