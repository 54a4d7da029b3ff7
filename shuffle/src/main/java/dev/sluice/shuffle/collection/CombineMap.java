package dev.sluice.shuffle.collection;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.KeyPacking;
import dev.sluice.common.record.PrimitiveMerge;
import dev.sluice.shuffle.memory.SizeEstimator;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A hash map from keys to combiners that folds values in place, for combine-by-key aggregation.
 *
 * <p>The keys are kept as {@link KeySlots} keeps them: open addressing with linear probing, and while every key is a
 * {@link Long} (or every key an {@link Integer}, or every key one that a {@link KeyPacking} packs) only the keys'
 * values, in a {@code long[]}; the combiners are kept by slot.
 *
 * <p>Combiners that are {@link Long}s or {@link Double}s — counts, sums, ranks, the common cases —
 * are kept unboxed in a {@code long[]} (doubles as their bits) while every combiner has the type of
 * the first. An update then stores a primitive instead of a fresh object reference into a large,
 * long-lived array; on G1 such a reference store costs a write barrier and remembered-set work per
 * record, which made boxed aggregation about twice as slow. The first combiner of another type (or
 * null) moves all combiners to the object array. A combiner with a {@link PrimitiveMerge} ({@code Long::sum},
 * {@code Double::sum}) then folds the unboxed values directly, without boxing an intermediate combiner.
 *
 * <p>Unboxed combiners are the slots' long values, each beside its integral key, so that folding into a key
 * already present reads and writes one cache line: with two arrays, a probe into a table larger than the cache
 * missed twice.
 *
 * <p>Supports a null key and null combiners. Keys must have consistent {@code equals} and
 * {@code hashCode}. Not thread-safe.
 *
 * @param <K> the key type
 * @param <C> the combiner type
 */
public final class CombineMap<K, C> extends KeySlots {

    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 29;

    /** Combiners as objects, by slot; null while they are unboxed. */
    private Object[] combiners;
    /**
     * Whether combiners are kept as the slots' long values (doubles as their bits): every one so far was of
     * {@link #combinerType}.
     */
    private boolean unboxed = true;
    /** {@code Long.class} or {@code Double.class} once the first combiner is stored; null before. */
    private Class<?> combinerType;

    private boolean hasNullKey;
    private C nullKeyCombiner;

    /** Creates an empty map. */
    public CombineMap() {
        super(INITIAL_CAPACITY, capacity -> (int) (capacity * 0.7), true); // unboxed combiners are the long values
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
        int slot = slotOf(key);
        C result;
        if (isFree(slot)) {
            result = create.apply(input);
            insertKey(slot, key);
            store(slot, result);
            afterInsert();
        } else {
            result = mergeInto.apply(combinerAt(slot), input);
            store(slot, result);
        }
        return result;
    }

    /**
     * Folds {@code value} into the unboxed combiner of {@code key} with {@code merge}, or stores it as the key's
     * combiner if the key is new. Does nothing and returns false unless the combiners are unboxed and the value is
     * of the merge's type.
     */
    private boolean foldUnboxed(Object key, Object value, PrimitiveMerge merge) {
        Class<?> type = merge.type();
        if (!unboxed || value == null || value.getClass() != type
                || combinerType != null && combinerType != type) {
            return false;
        }
        combinerType = type;
        long bits = value instanceof Long l ? l : Double.doubleToRawLongBits((Double) value);
        int slot = slotOf(key);
        if (isFree(slot)) {
            insertKey(slot, key);
            setLongValue(slot, bits);
            afterInsert();
        } else if (merge == PrimitiveMerge.LONG_SUM) {
            setLongValue(slot, merge.merge(longValue(slot), bits));
        } else {
            double sum = merge.merge(Double.longBitsToDouble(longValue(slot)), Double.longBitsToDouble(bits));
            setLongValue(slot, Double.doubleToRawLongBits(sum));
        }
        return true;
    }

    /**
     * Lets keys that {@code packing} packs be kept as longs, as {@code Long} and {@code Integer} keys are. Takes
     * effect for a map with no keys (or cleared), where the next key decides the representation.
     */
    public void packKeysWith(KeyPacking packing) {
        packKeys(packing);
    }

    /** Returns the number of distinct keys. */
    public int size() {
        return keyCount() + (hasNullKey ? 1 : 0);
    }

    /** Returns true if the map holds no keys. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Passes every key and its combiner to {@code action}, in no particular order. */
    public void forEach(BiConsumer<? super K, ? super C> action) {
        if (hasNullKey) {
            action.accept(null, nullKeyCombiner);
        }
        for (int i = 0; i < capacity(); i++) {
            if (!isFree(i)) {
                action.accept(typedKeyAt(i), combinerAt(i));
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
            int capacity = capacity();
            while (++slot < capacity) {
                if (!isFree(slot)) {
                    return true;
                }
            }
            slot = capacity;
            return false;
        }

        /** The current entry's key. */
        public K key() {
            return slot == -1 ? null : typedKeyAt(slot);
        }

        /** The current entry's combiner. */
        public C combiner() {
            return slot == -1 ? nullKeyCombiner : combinerAt(slot);
        }
    }

    @SuppressWarnings("unchecked")
    private K typedKeyAt(int slot) {
        return (K) keyAt(slot);
    }

    /** Removes all keys and shrinks the table back to its initial size. */
    public void clear() {
        resetKeys(INITIAL_CAPACITY, true);
        unboxed = true;
        combiners = null;
        combinerType = null;
        hasNullKey = false;
        nullKeyCombiner = null;
    }

    /** Returns the heap taken by the table, not counting keys and (boxed) combiners. */
    public long footprint() {
        long combinerArray = combiners != null ? SizeEstimator.referenceArrayBytes(capacity()) : 0;
        return keysFootprint() + combinerArray;
    }

    /** Counts the key just inserted (its combiner stored), growing the table if it is full enough. */
    private void afterInsert() {
        if (needsToGrow()) {
            grow();
        }
    }

    private void store(int slot, C combiner) {
        if (unboxed) {
            if (combinerType == null && (combiner instanceof Long || combiner instanceof Double)) {
                combinerType = combiner.getClass();
            }
            if (combiner instanceof Long l && combinerType == Long.class) {
                setLongValue(slot, l);
                return;
            }
            if (combiner instanceof Double d && combinerType == Double.class) {
                setLongValue(slot, Double.doubleToRawLongBits(d));
                return;
            }
            box();
        }
        combiners[slot] = combiner;
    }

    @SuppressWarnings("unchecked")
    private C combinerAt(int slot) {
        if (!unboxed) {
            return (C) combiners[slot];
        }
        long bits = longValue(slot);
        return combinerType == Double.class ? (C) Double.valueOf(Double.longBitsToDouble(bits)) : (C) Long.valueOf(bits);
    }

    /** Leaves the unboxed representation for good: some combiner is not a Long. */
    private void box() {
        combiners = new Object[capacity()];
        for (int i = 0; i < combiners.length; i++) {
            if (!isFree(i)) {
                combiners[i] = combinerAt(i);
            }
        }
        unboxed = false;
        dropLongValues();
    }

    private void grow() {
        if (capacity() >= MAX_CAPACITY) {
            throw new IllegalStateException("CombineMap cannot hold more than " + keyCount() + " keys");
        }
        if (unboxed) {
            growKeys(null); // the combiners move with their keys
            return;
        }
        Object[] old = combiners;
        Object[] moved = new Object[capacity() * 2];
        growKeys((from, to) -> moved[to] = old[from]);
        combiners = moved;
    }
}
