package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.memory.SizeEstimator;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A hash map from keys to combiners that folds values in place, for combine-by-key aggregation.
 *
 * <p>Open addressing with linear probing: keys in one array, each key's spread hash in a parallel
 * {@code int[]} so that walking a probe chain compares hashes and calls {@code equals} only on a
 * match (without it, loading the other keys' objects dominates the cost).
 *
 * <p>While every key is a {@link Long} (or every key an {@link Integer}), the keys' values are also
 * kept in a {@code long[]}, so a probe compares primitives and never dereferences the boxed keys
 * scattered over the heap.
 *
 * <p>Combiners that are {@link Long}s or {@link Double}s — counts, sums, ranks, the common cases —
 * are kept unboxed in a {@code long[]} (doubles as their bits) while every combiner has the type of
 * the first. An update then stores a primitive instead of a fresh object reference into a large,
 * long-lived array; on G1 such a reference store costs a write barrier and remembered-set work per
 * record, which made boxed aggregation about twice as slow. The first combiner of another type (or
 * null) moves all combiners to the object array.
 *
 * <p>Supports a null key and null combiners. Keys must have consistent {@code equals} and
 * {@code hashCode}. Not thread-safe.
 *
 * @param <K> the key type
 * @param <C> the combiner type
 */
public final class CombineMap<K, C> {

    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 29;

    /** A slot whose key is null is free (the null key lives outside the table). */
    private Object[] keys;
    /** The spread hash of {@code keys[i]}. */
    private int[] hashes;
    /** {@code keys[i]} unboxed, while every key is of {@link #keyType}; otherwise null. */
    private long[] longKeys;
    /** {@code Long.class} or {@code Integer.class} once the first key is in; null before. */
    private Class<?> keyType;
    /** Combiners as objects; null while {@link #unboxed}. */
    private Object[] combiners;
    /** Combiners as longs (or double bits) while every combiner so far was of {@link #combinerType}; otherwise null. */
    private long[] unboxed;
    /** {@code Long.class} or {@code Double.class} once the first combiner is stored; null before. */
    private Class<?> combinerType;
    /** The spread hash of the key last passed to {@link #slotOf}, for the {@link #insert} that may follow. */
    private int probedHash;
    private int mask;
    private int growThreshold;
    private int tableEntries;

    private boolean hasNullKey;
    private C nullKeyCombiner;

    /** Creates an empty map. */
    public CombineMap() {
        allocate(INITIAL_CAPACITY, true);
    }

    /**
     * Folds {@code value} into the combiner of {@code key}: {@code createCombiner} if the key is new,
     * {@code mergeValue} otherwise.
     *
     * @return the combiner now held for {@code key}
     */
    public <V> C addValue(K key, V value, Combiner<V, C> combiner) {
        if (key == null) {
            nullKeyCombiner = hasNullKey
                    ? combiner.mergeValue().apply(nullKeyCombiner, value)
                    : combiner.createCombiner().apply(value);
            hasNullKey = true;
            return nullKeyCombiner;
        }
        return merge(key, value, combiner.mergeValue(), combiner.createCombiner());
    }

    /**
     * Merges {@code partial} into the combiner of {@code key}, or stores it if the key is new.
     *
     * @return the combiner now held for {@code key}
     */
    public C addCombiner(K key, C partial, BinaryOperator<C> mergeCombiners) {
        if (key == null) {
            nullKeyCombiner = hasNullKey ? mergeCombiners.apply(nullKeyCombiner, partial) : partial;
            hasNullKey = true;
            return nullKeyCombiner;
        }
        return merge(key, partial, mergeCombiners, UnaryOperator.identity());
    }

    private <X> C merge(K key, X input, BiFunction<C, X, C> mergeInto, Function<? super X, ? extends C> create) {
        int index = slotOf(key);
        C result;
        if (keys[index] == null) {
            result = create.apply(input);
            insert(index, key, result);
        } else {
            result = mergeInto.apply(combinerAt(index), input);
            store(index, result);
        }
        return result;
    }

    /** Returns the number of distinct keys. */
    public int size() {
        return tableEntries + (hasNullKey ? 1 : 0);
    }

    /** Returns true if the map holds no keys. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Passes every key and its combiner to {@code action}, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super C> action) {
        if (hasNullKey) {
            action.accept(null, nullKeyCombiner);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept((K) keys[i], combinerAt(i));
            }
        }
    }

    /** Removes all keys and shrinks the table back to its initial size. */
    public void clear() {
        allocate(INITIAL_CAPACITY, true);
        keyType = null;
        combinerType = null;
        tableEntries = 0;
        hasNullKey = false;
        nullKeyCombiner = null;
    }

    /** Returns the heap taken by the table, not counting keys and (boxed) combiners. */
    public long footprint() {
        int capacity = keys.length;
        return 2 * SizeEstimator.referenceArrayBytes(capacity) + 32L + 4L * capacity + 16L * capacity;
    }

    /** Returns the index holding {@code key}, or the free index where it belongs. */
    private int slotOf(Object key) {
        if (longKeys != null) {
            if (keyType == null && (key instanceof Long || key instanceof Integer)) {
                keyType = key.getClass();
            }
            if (key instanceof Long boxed && keyType == Long.class) {
                return slotOfLong(boxed);
            }
            if (key instanceof Integer boxed && keyType == Integer.class) {
                return slotOfInt(boxed);
            }
            longKeys = null; // a key of another type: compare with equals from now on
        }
        int hash = mix(key.hashCode());
        probedHash = hash;
        int index = hash & mask;
        while (true) {
            Object candidate = keys[index];
            if (candidate == null || hashes[index] == hash && (candidate == key || key.equals(candidate))) {
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    private int slotOfLong(long key) {
        int hash = mix(Long.hashCode(key));
        probedHash = hash;
        int index = hash & mask;
        while (keys[index] != null && longKeys[index] != key) {
            index = (index + 1) & mask;
        }
        return index;
    }

    /** As {@link #slotOfLong}; the hash is Integer's, so the generic path finds the same slots. */
    private int slotOfInt(int key) {
        int hash = mix(Integer.hashCode(key));
        probedHash = hash;
        int index = hash & mask;
        while (keys[index] != null && longKeys[index] != key) {
            index = (index + 1) & mask;
        }
        return index;
    }

    private void insert(int index, K key, C combiner) {
        if (longKeys != null) {
            longKeys[index] = key instanceof Long l ? l : (Integer) key;
        }
        keys[index] = key;
        hashes[index] = probedHash;
        store(index, combiner);
        if (++tableEntries > growThreshold) {
            grow();
        }
    }

    private void store(int index, C combiner) {
        if (unboxed != null) {
            if (combinerType == null && (combiner instanceof Long || combiner instanceof Double)) {
                combinerType = combiner.getClass();
            }
            if (combiner instanceof Long l && combinerType == Long.class) {
                unboxed[index] = l;
                return;
            }
            if (combiner instanceof Double d && combinerType == Double.class) {
                unboxed[index] = Double.doubleToRawLongBits(d);
                return;
            }
            box();
        }
        combiners[index] = combiner;
    }

    @SuppressWarnings("unchecked")
    private C combinerAt(int index) {
        if (unboxed == null) {
            return (C) combiners[index];
        }
        long bits = unboxed[index];
        return combinerType == Double.class ? (C) Double.valueOf(Double.longBitsToDouble(bits)) : (C) Long.valueOf(bits);
    }

    /** Leaves the unboxed representation for good: some combiner is not a Long. */
    private void box() {
        combiners = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                combiners[i] = combinerAt(i);
            }
        }
        unboxed = null;
    }

    private void grow() {
        int capacity = keys.length;
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("CombineMap cannot hold more than " + tableEntries + " keys");
        }
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldLongKeys = longKeys;
        Object[] oldCombiners = combiners;
        long[] oldUnboxed = unboxed;
        allocate(capacity * 2, oldUnboxed != null);
        if (oldLongKeys == null) {
            longKeys = null;
        }
        for (int old = 0; old < oldKeys.length; old++) {
            Object key = oldKeys[old];
            if (key != null) {
                int hash = oldHashes[old];
                int index = hash & mask;
                while (keys[index] != null) {
                    index = (index + 1) & mask;
                }
                keys[index] = key;
                hashes[index] = hash;
                if (oldLongKeys != null) {
                    longKeys[index] = oldLongKeys[old];
                }
                if (oldUnboxed != null) {
                    unboxed[index] = oldUnboxed[old];
                } else {
                    combiners[index] = oldCombiners[old];
                }
            }
        }
    }

    private void allocate(int capacity, boolean longs) {
        keys = new Object[capacity];
        hashes = new int[capacity];
        longKeys = new long[capacity];
        combiners = longs ? null : new Object[capacity];
        unboxed = longs ? new long[capacity] : null;
        mask = capacity - 1;
        growThreshold = (int) (capacity * 0.7);
    }

    /**
     * Spreads hash codes so that keys differing only in high bits do not cluster, nor keys that share their low
     * bits (the keys of one reduce partition, whose hash modulo the partition count is the same).
     */
    static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
