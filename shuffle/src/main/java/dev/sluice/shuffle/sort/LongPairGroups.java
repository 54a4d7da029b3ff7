package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.collection.HashRadixSort;
import dev.sluice.shuffle.collection.LongPairBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pairs of a {@link LongPairBuffer} grouped into one list of values per distinct key, in key hash-code order
 * (the order {@link HashMergeIterator} merges). The pairs are radix-sorted by hash code once; each key's list is
 * made, and its values boxed, only when the cursor reaches it, so groups already emitted are garbage. Values keep
 * the order they were added in.
 */
final class LongPairGroups<K, V> implements PairCursor<K, List<V>> {
    /** Grouping needs, per pair, its sort entry and the radix sort's scratch entry. */
    static final long BYTES_PER_PAIR = 16;

    private final LongPairBuffer pairs;
    /** {@code (hash << 32) | index} per pair, sorted by hash. */
    private final long[] order;
    /** The first entry of {@link #order} not yet grouped. */
    private int next;
    /** The distinct keys of the current hash code (as longs, and boxed) and their values, emitted in order. */
    private long[] runKeyBits = new long[1];
    private final List<K> runKeys = new ArrayList<>();
    private final List<List<V>> runValues = new ArrayList<>();
    private int runPosition;

    LongPairGroups(LongPairBuffer pairs) {
        this.pairs = pairs;
        int size = pairs.size();
        this.order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = (long) pairs.keyHashCode(i) << 32 | i;
        }
        HashRadixSort.sort(order, size);
    }

    @Override
    public boolean advance() {
        if (++runPosition < runKeys.size()) {
            return true;
        }
        if (next >= order.length) {
            close();
            return false;
        }
        loadRun();
        return true;
    }

    /** Groups the pairs of the next hash code. */
    private void loadRun() {
        runKeys.clear();
        runValues.clear();
        runPosition = 0;
        int hash = (int) (order[next] >> 32);
        int end = next + 1;
        while (end < order.length && (int) (order[end] >> 32) == hash) {
            end++;
        }
        if (pairs.hashIdentifiesKeys()) {
            addRunKey(index(next), new ArrayList<>(end - next));
        }
        for (int i = next; i < end; i++) {
            int index = index(i);
            runValues.get(runOf(index)).add(uncheckedValue(pairs.value(index)));
        }
        next = end;
    }

    /** The position in the run of the key of pair {@code index}, added to the run if it is new. */
    private int runOf(int index) {
        if (pairs.hashIdentifiesKeys()) {
            return 0;
        }
        long key = pairs.keyBits(index);
        for (int k = 0; k < runKeys.size(); k++) {
            if (runKeyBits[k] == key) {
                return k;
            }
        }
        addRunKey(index, new ArrayList<>());
        return runKeys.size() - 1;
    }

    @SuppressWarnings("unchecked")
    private void addRunKey(int index, List<V> values) {
        if (runKeys.size() == runKeyBits.length) {
            runKeyBits = Arrays.copyOf(runKeyBits, 2 * runKeyBits.length);
        }
        runKeyBits[runKeys.size()] = pairs.keyBits(index);
        runKeys.add((K) pairs.key(index));
        runValues.add(values);
    }

    private int index(int sorted) {
        return (int) order[sorted];
    }

    @SuppressWarnings("unchecked")
    private V uncheckedValue(Object value) {
        return (V) value;
    }

    @Override
    public K key() {
        return runKeys.get(runPosition);
    }

    @Override
    public List<V> value() {
        return runValues.get(runPosition);
    }

    @Override
    public void close() {
        next = order.length;
        runKeys.clear();
        runValues.clear();
        runPosition = 0;
    }
}
