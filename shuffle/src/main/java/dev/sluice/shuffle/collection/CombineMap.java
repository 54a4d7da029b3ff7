package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.KeyPacking;
import dev.sluice.shuffle.PrimitiveMerge;
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
 * <p>While every key is a {@link Long} (or every key an {@link Integer}, or every key one that a
 * {@link KeyPacking} packs), the table keeps only the keys' values, in a {@code long[]} with a sentinel for free
 * slots: a probe reads one array and never dereferences a boxed key scattered over the heap, and the boxed keys
 * are not kept at all (they are made again when the map is read), which spares the collector a reference store
 * per new key and the copying of live keys. The first key of another type (or equal to the sentinel) moves the
 * table to boxed keys for good.
 *
 * <p>Combiners that are {@link Long}s or {@link Double}s — counts, sums, ranks, the common cases —
 * are kept unboxed in a {@code long[]} (doubles as their bits) while every combiner has the type of
 * the first. An update then stores a primitive instead of a fresh object reference into a large,
 * long-lived array; on G1 such a reference store costs a write barrier and remembered-set work per
 * record, which made boxed aggregation about twice as slow. The first combiner of another type (or
 * null) moves all combiners to the object array. A combiner with a {@link PrimitiveMerge} ({@code Long::sum},
 * {@code Double::sum}) then folds the unboxed values directly, without boxing an intermediate combiner.
 *
 * <p>Integral keys and unboxed combiners share one {@code long[]}, each key beside its combiner, so that folding
 * into a key already present reads and writes one cache line: with two arrays, a probe into a table larger than
 * the cache missed twice.
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

    /** Marks a free slot of the integral keys; a key with this value moves the table to boxed keys. */
    private static final long FREE = 0x8000_0000_7FFF_FFFFL;

    /** The keys, once they are not all of one integral type (null before); a null slot is free. */
    private Object[] keys;
    /** The spread hash of {@code keys[i]}; null with {@link #keys}. */
    private int[] hashes;
    /**
     * The integral keys' values ({@link #FREE} marks a free slot) and the unboxed combiners, interleaved when there
     * are both: slot {@code i}'s key is at {@code i << shift} and its combiner at {@code (i << shift) + shift}. A fold
     * into an existing key then touches one cache line, not one in each of two arrays. Null while neither is in use.
     */
    private long[] longs;
    /** 1 when {@link #longs} holds keys and combiners, 0 when it holds one of them. */
    private int shift;
    /** Whether every key is of {@link #keyType} and kept in {@link #longs}. */
    private boolean integralKeys;
    /**
     * {@code Long.class} or {@code Integer.class}, or {@code KeyPacking.class} for keys {@link #packing} packs, once
     * the first key is in; null before.
     */
    private Class<?> keyType;
    /** Packs keys of the caller's types into longs; null if none. */
    private KeyPacking packing;
    /** Combiners as objects; null while they are unboxed. */
    private Object[] combiners;
    /** Whether combiners are kept as longs (or double bits) in {@link #longs}: every one so far was of {@link #combinerType}. */
    private boolean unboxed;
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
        allocate(INITIAL_CAPACITY, true, true);
    }

    /**
     * Folds {@code value} into the combiner of {@code key}: {@code createCombiner} if the key is new,
     * {@code mergeValue} otherwise.
     *
     * @return the combiner now held for {@code key}, or null if the combiner's {@link PrimitiveMerge} folded it
     *     unboxed (it then takes no heap beyond {@link #footprint()})
     */
    public <V> C addValue(K key, V value, Combiner<V, C> combiner) {
        if (key == null) {
            nullKeyCombiner = hasNullKey
                    ? combiner.mergeValue().apply(nullKeyCombiner, value)
                    : combiner.createCombiner().apply(value);
            hasNullKey = true;
            return nullKeyCombiner;
        }
        if (combiner.primitiveMerge() != null && foldUnboxed(key, value, combiner.primitiveMerge())) {
            return null;
        }
        return merge(key, value, combiner.mergeValue(), combiner.createCombiner());
    }

    /**
     * Merges {@code partial} into the combiner of {@code key} with the combiner's {@code mergeCombiners} (or its
     * {@link PrimitiveMerge}), or stores it if the key is new.
     *
     * @return as for {@link #addValue}
     */
    public C addCombiner(K key, C partial, Combiner<?, C> combiner) {
        if (key != null && combiner.primitiveMerge() != null && foldUnboxed(key, partial, combiner.primitiveMerge())) {
            return null;
        }
        return addCombiner(key, partial, combiner.mergeCombiners());
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
        if (isFree(index)) {
            result = create.apply(input);
            insert(index, key, result);
        } else {
            result = mergeInto.apply(combinerAt(index), input);
            store(index, result);
        }
        return result;
    }

    /**
     * Folds {@code value} into the unboxed combiner of {@code key} with {@code merge}, or stores it as the key's
     * combiner if the key is new. Does nothing and returns false unless the combiners are unboxed and the value is
     * of the merge's type.
     */
    private boolean foldUnboxed(Object key, Object value, PrimitiveMerge merge) {
        Class<?> type = merge instanceof PrimitiveMerge.OfLong ? Long.class : Double.class;
        if (!unboxed || value == null || value.getClass() != type
                || combinerType != null && combinerType != type) {
            return false;
        }
        combinerType = type;
        long bits = value instanceof Long l ? l : Double.doubleToRawLongBits((Double) value);
        int index = slotOf(key);
        if (isFree(index)) {
            insertKey(index, key);
            longs[combinerIndex(index)] = bits;
            afterInsert();
        } else if (merge instanceof PrimitiveMerge.OfLong longMerge) {
            int at = combinerIndex(index);
            longs[at] = longMerge.merge().applyAsLong(longs[at], bits);
        } else {
            int at = combinerIndex(index);
            double sum = ((PrimitiveMerge.OfDouble) merge).merge()
                    .applyAsDouble(Double.longBitsToDouble(longs[at]), Double.longBitsToDouble(bits));
            longs[at] = Double.doubleToRawLongBits(sum);
        }
        return true;
    }

    /**
     * Lets keys that {@code packing} packs be kept as longs, as {@code Long} and {@code Integer} keys are. Takes
     * effect for a map with no keys (or cleared), where the next key decides the representation.
     */
    public void packKeysWith(KeyPacking packing) {
        if (keyType == null) {
            this.packing = packing;
        }
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
        for (int i = 0; i <= mask; i++) {
            if (!isFree(i)) {
                action.accept(keyAt(i), combinerAt(i));
            }
        }
    }

    /**
     * Returns a cursor over the entries, in the order {@link #forEach} passes them. Keys and boxed combiners are made
     * as the cursor reaches them, so a reader that drops each entry before the next leaves no more garbage alive
     * than one entry's; the map must not change while the cursor is in use.
     */
    public Cursor cursor() {
        return new Cursor();
    }

    /** A forward-only position among the entries of the map; see {@link #cursor()}. */
    public final class Cursor {
        /** -2 before the first entry, -1 at the null key's, else the slot. */
        private int slot = -2;

        private Cursor() {
        }

        /** Moves to the next entry; returns false when there is none. */
        public boolean advance() {
            if (slot == -2) {
                slot = -1;
                if (hasNullKey) {
                    return true;
                }
            }
            while (++slot <= mask) {
                if (!isFree(slot)) {
                    return true;
                }
            }
            slot = mask + 1;
            return false;
        }

        /** The current entry's key. */
        public K key() {
            return slot == -1 ? null : keyAt(slot);
        }

        /** The current entry's combiner. */
        public C combiner() {
            return slot == -1 ? nullKeyCombiner : combinerAt(slot);
        }
    }

    private boolean isFree(int index) {
        return integralKeys ? longs[index << shift] == FREE : keys[index] == null;
    }

    @SuppressWarnings("unchecked")
    private K keyAt(int index) {
        if (!integralKeys) {
            return (K) keys[index];
        }
        long value = longs[index << shift];
        Object key = keyType == Integer.class ? (Object) Integer.valueOf((int) value)
                : keyType == Long.class ? (Object) Long.valueOf(value) : packing.unpack(value);
        return (K) key;
    }

    /** Removes all keys and shrinks the table back to its initial size. */
    public void clear() {
        allocate(INITIAL_CAPACITY, true, true);
        keyType = null;
        combinerType = null;
        tableEntries = 0;
        hasNullKey = false;
        nullKeyCombiner = null;
    }

    /** Returns the heap taken by the table, not counting keys and (boxed) combiners. */
    public long footprint() {
        int capacity = mask + 1;
        long longArray = longs != null ? 16L + 8L * longs.length : 0;
        long keyArrays = keys != null ? SizeEstimator.referenceArrayBytes(capacity) + 16L + 4L * capacity : 0;
        long combinerArray = combiners != null ? SizeEstimator.referenceArrayBytes(capacity) : 0;
        return longArray + keyArrays + combinerArray;
    }

    /** Returns the index holding {@code key}, or the free index where it belongs. */
    private int slotOf(Object key) {
        if (integralKeys) {
            if (keyType == null) {
                keyType = key instanceof Long || key instanceof Integer ? key.getClass()
                        : packing != null && packing.packs(key) ? KeyPacking.class : null;
            }
            if (key instanceof Long boxed && keyType == Long.class && boxed != FREE) {
                return slotOfIntegral(boxed, Long.hashCode(boxed));
            }
            if (key instanceof Integer boxed && keyType == Integer.class) {
                return slotOfIntegral(boxed, boxed);
            }
            if (keyType == KeyPacking.class && packing.packs(key)) {
                long packed = packing.pack(key);
                if (packed != FREE) {
                    return slotOfIntegral(packed, key.hashCode());
                }
            }
            boxKeys(); // a key of another type: compare with equals from now on
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

    /**
     * The slot of integral key {@code value}, or the free slot where it belongs. {@code hashCode} is the boxed
     * key's ({@code Long.hashCode}, {@code Integer.hashCode} or the packed key's), so that boxed keys find the same
     * slots.
     */
    private int slotOfIntegral(long value, int hashCode) {
        int index = mix(hashCode) & mask;
        long found;
        while ((found = longs[index << shift]) != value && found != FREE) {
            index = (index + 1) & mask;
        }
        return index;
    }

    /** The hash code of the boxed key whose value is {@code key}. */
    private int integralHashCode(long key) {
        return keyType == Integer.class ? Integer.hashCode((int) key)
                : keyType == Long.class ? Long.hashCode(key) : packing.hashCode(key);
    }

    /** Leaves the integral-key representation for good, boxing the keys in place (their slots do not move). */
    private void boxKeys() {
        int capacity = mask + 1;
        Object[] boxed = new Object[capacity];
        int[] spread = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            if (longs[i << shift] != FREE) {
                Object key = keyAt(i);
                boxed[i] = key;
                spread[i] = mix(key.hashCode());
            }
        }
        keys = boxed;
        hashes = spread;
        integralKeys = false;
        if (shift == 0) {
            longs = null; // it held only the keys
        }
    }

    private void insert(int index, K key, C combiner) {
        insertKey(index, key);
        store(index, combiner);
        afterInsert();
    }

    /** Puts a new key into the free slot {@link #slotOf} just found for it. */
    private void insertKey(int index, Object key) {
        if (integralKeys) {
            longs[index << shift] = key instanceof Long l ? l : key instanceof Integer i ? i : packing.pack(key);
        } else {
            keys[index] = key;
            hashes[index] = probedHash;
        }
    }

    /** Counts the key {@link #insertKey} added (its combiner stored), growing the table if it is full enough. */
    private void afterInsert() {
        if (++tableEntries > growThreshold) {
            grow();
        }
    }

    private void store(int index, C combiner) {
        if (unboxed) {
            if (combinerType == null && (combiner instanceof Long || combiner instanceof Double)) {
                combinerType = combiner.getClass();
            }
            if (combiner instanceof Long l && combinerType == Long.class) {
                longs[combinerIndex(index)] = l;
                return;
            }
            if (combiner instanceof Double d && combinerType == Double.class) {
                longs[combinerIndex(index)] = Double.doubleToRawLongBits(d);
                return;
            }
            box();
        }
        combiners[index] = combiner;
    }

    @SuppressWarnings("unchecked")
    private C combinerAt(int index) {
        if (!unboxed) {
            return (C) combiners[index];
        }
        long bits = longs[combinerIndex(index)];
        return combinerType == Double.class ? (C) Double.valueOf(Double.longBitsToDouble(bits)) : (C) Long.valueOf(bits);
    }

    /** Leaves the unboxed representation for good: some combiner is not a Long. */
    private void box() {
        combiners = new Object[mask + 1];
        for (int i = 0; i <= mask; i++) {
            if (!isFree(i)) {
                combiners[i] = combinerAt(i);
            }
        }
        unboxed = false;
        if (shift == 0) {
            longs = null; // it held only the combiners
        }
    }

    /** Where slot {@code index}'s unboxed combiner is in {@link #longs}. */
    private int combinerIndex(int index) {
        return (index << shift) + shift;
    }

    private void grow() {
        int capacity = mask + 1;
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("CombineMap cannot hold more than " + tableEntries + " keys");
        }
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldLongs = longs;
        int oldShift = shift;
        Object[] oldCombiners = combiners;
        allocate(capacity * 2, integralKeys, unboxed);
        for (int old = 0; old < capacity; old++) {
            int index;
            if (integralKeys) {
                long key = oldLongs[old << oldShift];
                if (key == FREE) {
                    continue;
                }
                index = slotOfIntegral(key, integralHashCode(key));
                longs[index << shift] = key;
            } else {
                Object key = oldKeys[old];
                if (key == null) {
                    continue;
                }
                int hash = oldHashes[old];
                index = hash & mask;
                while (keys[index] != null) {
                    index = (index + 1) & mask;
                }
                keys[index] = key;
                hashes[index] = hash;
            }
            if (unboxed) {
                longs[combinerIndex(index)] = oldLongs[(old << oldShift) + oldShift];
            } else {
                combiners[index] = oldCombiners[old];
            }
        }
    }

    private void allocate(int capacity, boolean withIntegralKeys, boolean withUnboxedCombiners) {
        integralKeys = withIntegralKeys;
        unboxed = withUnboxedCombiners;
        shift = withIntegralKeys && withUnboxedCombiners ? 1 : 0;
        longs = withIntegralKeys || withUnboxedCombiners ? new long[capacity << shift] : null;
        if (withIntegralKeys) {
            for (int i = 0; i < capacity; i++) {
                longs[i << shift] = FREE;
            }
            keys = null;
            hashes = null;
        } else {
            keys = new Object[capacity];
            hashes = new int[capacity];
        }
        combiners = withUnboxedCombiners ? null : new Object[capacity];
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
