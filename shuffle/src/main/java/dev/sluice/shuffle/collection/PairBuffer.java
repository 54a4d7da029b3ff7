package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.memory.SizeEstimator;
import java.util.Arrays;
import java.util.Comparator;

/**
 * An append-only buffer of key/value pairs, stored interleaved in one array (key at {@code 2i}, value
 * at {@code 2i + 1}) and sortable by key. Keys and values may be null if the comparator accepts them.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class PairBuffer<K, V> {

    private static final int INITIAL_PAIRS = 64;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    /** Runs up to this many pairs are sorted by insertion, which beats merging on tiny runs. */
    private static final int INSERTION_SORT_MAX = 16;

    private Object[] pairs = new Object[2 * INITIAL_PAIRS];
    private int size;

    /** Appends a pair. */
    public void add(K key, V value) {
        if (2 * size == pairs.length) {
            grow();
        }
        pairs[2 * size] = key;
        pairs[2 * size + 1] = value;
        size++;
    }

    /** Returns the number of pairs. */
    public int size() {
        return size;
    }

    /** Returns true if the buffer holds no pairs. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the key of pair {@code index}. */
    @SuppressWarnings("unchecked")
    public K key(int index) {
        return (K) pairs[2 * checkIndex(index)];
    }

    /** Returns the value of pair {@code index}. */
    @SuppressWarnings("unchecked")
    public V value(int index) {
        return (V) pairs[2 * checkIndex(index) + 1];
    }

    /** Sorts the pairs by key. Stable: pairs with equal keys keep their order. */
    public void sort(Comparator<? super K> keyOrder) {
        if (size > 1) {
            // The left half of any merge holds at most size / 2 pairs.
            mergeSort(keyOrder, new Object[2 * (size / 2)], 0, size);
        }
    }

    /**
     * Sorts the pairs by key as {@link #sort(Comparator)} does, ordering by the keys' {@code prefix} first and
     * calling {@code keyOrder} only among pairs with equal prefixes; without a prefix, or with a key it does not
     * support, it sorts by {@code keyOrder} alone. The prefixes are radix-sorted with the pairs' positions, and the
     * pairs are then moved once into their sorted places.
     */
    public void sort(Comparator<? super K> keyOrder, KeyPrefix prefix) {
        if (size <= 1) {
            return;
        }
        if (prefix == null) {
            sort(keyOrder);
            return;
        }
        long[] prefixes = new long[size];
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            Object key = pairs[2 * i];
            if (!prefix.supports(key)) {
                sort(keyOrder);
                return;
            }
            prefixes[i] = prefix.prefix(key);
            positions[i] = i;
        }
        PrefixRadixSort.Sorted sorted = PrefixRadixSort.sort(prefixes, positions, size);
        IndexMergeSort.IndexOrder byKey = (a, b) -> keyOrder.compare(keyAt(pairs, a), keyAt(pairs, b));
        sorted.forEachTie(size, (from, to) -> IndexMergeSort.sort(sorted.positions(), from, to, byKey));
        permute(sorted.positions());
    }

    /**
     * Moves pair {@code sortedPositions[i]} to place {@code i} for every {@code i}, in place, by following the
     * permutation's cycles; overwrites {@code sortedPositions}.
     */
    private void permute(int[] sortedPositions) {
        for (int start = 0; start < size; start++) {
            if (sortedPositions[start] == start) {
                continue;
            }
            Object key = pairs[2 * start];
            Object value = pairs[2 * start + 1];
            int place = start;
            while (true) {
                int source = sortedPositions[place];
                sortedPositions[place] = place; // done
                if (source == start) {
                    pairs[2 * place] = key;
                    pairs[2 * place + 1] = value;
                    break;
                }
                copyPair(pairs, source, pairs, place);
                place = source;
            }
        }
    }

    /** Removes all pairs and gives the large array back to the garbage collector. */
    public void clear() {
        pairs = new Object[2 * INITIAL_PAIRS];
        size = 0;
    }

    /** Returns the heap taken by the buffer's array, not counting the keys and values. */
    public long footprint() {
        return SizeEstimator.referenceArrayBytes(pairs.length);
    }

    private void grow() {
        if (pairs.length >= MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("PairBuffer cannot hold more than " + size + " pairs");
        }
        pairs = Arrays.copyOf(pairs, (int) Math.min(2L * pairs.length, MAX_ARRAY_LENGTH & ~1));
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for " + size + " pairs");
        }
        return index;
    }

    /** Sorts the pairs in {@code [from, to)}. */
    private void mergeSort(Comparator<? super K> order, Object[] scratch, int from, int to) {
        if (to - from <= INSERTION_SORT_MAX) {
            insertionSort(order, from, to);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(order, scratch, from, middle);
        mergeSort(order, scratch, middle, to);
        if (order.compare(keyAt(pairs, middle - 1), keyAt(pairs, middle)) > 0) {
            merge(order, scratch, from, middle, to);
        }
    }

    /** Merges the sorted runs {@code [from, middle)} and {@code [middle, to)}. */
    private void merge(Comparator<? super K> order, Object[] scratch, int from, int middle, int to) {
        int leftLength = middle - from;
        System.arraycopy(pairs, 2 * from, scratch, 0, 2 * leftLength);
        int left = 0;
        int right = middle;
        int out = from;
        while (left < leftLength && right < to) {
            if (order.compare(keyAt(pairs, right), keyAt(scratch, left)) < 0) {
                copyPair(pairs, right++, pairs, out++);
            } else {
                copyPair(scratch, left++, pairs, out++);
            }
        }
        // What is left of the right run is already in place.
        System.arraycopy(scratch, 2 * left, pairs, 2 * out, 2 * (leftLength - left));
    }

    private void insertionSort(Comparator<? super K> order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            Object key = pairs[2 * i];
            Object value = pairs[2 * i + 1];
            int j = i - 1;
            while (j >= from && order.compare(keyAt(pairs, j), uncheckedKey(key)) > 0) {
                copyPair(pairs, j, pairs, j + 1);
                j--;
            }
            pairs[2 * (j + 1)] = key;
            pairs[2 * (j + 1) + 1] = value;
        }
    }

    private static void copyPair(Object[] from, int fromIndex, Object[] to, int toIndex) {
        to[2 * toIndex] = from[2 * fromIndex];
        to[2 * toIndex + 1] = from[2 * fromIndex + 1];
    }

    private K keyAt(Object[] array, int index) {
        return uncheckedKey(array[2 * index]);
    }

    @SuppressWarnings("unchecked")
    private K uncheckedKey(Object key) {
        return (K) key;
    }
}
