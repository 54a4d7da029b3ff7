package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.memory.SizeEstimator;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;

/**
 * A hash map from keys to combiners that folds values in place, for combine-by-key aggregation. Open
 * addressing with linear probing over one array (key at {@code 2i}, combiner at {@code 2i + 1}), so an
 * update is a single probe and allocates nothing. Supports a null key and null combiners. Keys must have
 * consistent {@code equals} and {@code hashCode}.
 *
 * @param <K> the key type
 * @param <C> the combiner type
 */
public final class CombineMap<K, C> {

    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 29;

    /** Slots hold key, combiner; a slot whose key is null is free (the null key lives outside the table). */
    private Object[] table;
    private int mask;
    private int growThreshold;
    private int tableEntries;

    private boolean hasNullKey;
    private C nullKeyCombiner;

    /** Creates an empty map. */
    public CombineMap() {
        allocate(INITIAL_CAPACITY);
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
        int slot = slotOf(key);
        if (table[slot] != null) {
            C merged = combiner.mergeValue().apply(combinerAt(slot), value);
            table[slot + 1] = merged;
            return merged;
        }
        C created = combiner.createCombiner().apply(value);
        insert(slot, key, created);
        return created;
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
        int slot = slotOf(key);
        if (table[slot] != null) {
            C merged = mergeCombiners.apply(combinerAt(slot), partial);
            table[slot + 1] = merged;
            return merged;
        }
        insert(slot, key, partial);
        return partial;
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
        for (int slot = 0; slot < table.length; slot += 2) {
            if (table[slot] != null) {
                action.accept((K) table[slot], (C) table[slot + 1]);
            }
        }
    }

    /** Removes all keys and shrinks the table back to its initial size. */
    public void clear() {
        allocate(INITIAL_CAPACITY);
        tableEntries = 0;
        hasNullKey = false;
        nullKeyCombiner = null;
    }

    /** Returns the heap taken by the table, not counting keys and combiners. */
    public long footprint() {
        return SizeEstimator.referenceArrayBytes(table.length);
    }

    /** Returns the slot holding {@code key}, or the free slot where it belongs. */
    private int slotOf(Object key) {
        int index = mix(key.hashCode()) & mask;
        while (true) {
            Object candidate = table[2 * index];
            if (candidate == null || candidate == key || key.equals(candidate)) {
                return 2 * index;
            }
            index = (index + 1) & mask;
        }
    }

    private void insert(int slot, K key, C combiner) {
        table[slot] = key;
        table[slot + 1] = combiner;
        if (++tableEntries > growThreshold) {
            grow();
        }
    }

    private void grow() {
        int capacity = table.length / 2;
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("CombineMap cannot hold more than " + tableEntries + " keys");
        }
        Object[] old = table;
        allocate(capacity * 2);
        for (int slot = 0; slot < old.length; slot += 2) {
            Object key = old[slot];
            if (key != null) {
                int index = mix(key.hashCode()) & mask;
                while (table[2 * index] != null) {
                    index = (index + 1) & mask;
                }
                table[2 * index] = key;
                table[2 * index + 1] = old[slot + 1];
            }
        }
    }

    private void allocate(int capacity) {
        table = new Object[2 * capacity];
        mask = capacity - 1;
        growThreshold = (int) (capacity * 0.7);
    }

    @SuppressWarnings("unchecked")
    private C combinerAt(int slot) {
        return (C) table[slot + 1];
    }

    /** Spreads hash codes so that keys differing only in high bits do not cluster. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
