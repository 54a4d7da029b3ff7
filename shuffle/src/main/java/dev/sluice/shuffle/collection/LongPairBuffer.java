package dev.sluice.shuffle.collection;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * An append-only buffer of key/value pairs whose keys are all boxes of one integral class ({@link Integer} or
 * {@link Long}), and whose values are too, kept as their values in two {@code long[]}s: what a graph's adjacency
 * lists are grouped from. A partition of pairs held as boxes outlives young collections and is copied into the old
 * generation to die there; this takes 16 bytes a pair, and nothing for the collector to trace.
 *
 * <p>The first pair fixes the two classes; {@link #tryAdd} refuses a pair of other classes (or with a null), and the
 * caller moves to objects.
 */
public final class LongPairBuffer {
    private static final int INITIAL_PAIRS = 64;

    private long[] keys = new long[INITIAL_PAIRS];
    private long[] values = new long[INITIAL_PAIRS];
    private int size;
    private Class<?> keyType;
    private Class<?> valueType;

    /** Whether {@code object} is a box this buffer can hold: an {@link Integer} or a {@link Long}. */
    public static boolean holds(Object object) {
        return object instanceof Integer || object instanceof Long;
    }

    /**
     * Appends the pair if its key and value are boxes of the buffer's classes (any integral boxes, for the first
     * pair).
     *
     * @return false, adding nothing, otherwise
     */
    public boolean tryAdd(Object key, Object value) {
        if (size == 0 && keyType == null) {
            if (!holds(key) || !holds(value)) {
                return false;
            }
            keyType = key.getClass();
            valueType = value.getClass();
        }
        if (key == null || value == null || key.getClass() != keyType || value.getClass() != valueType) {
            return false;
        }
        if (size == keys.length) {
            int capacity = Math.multiplyExact(keys.length, 2);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        keys[size] = ((Number) key).longValue();
        values[size] = ((Number) value).longValue();
        size++;
        return true;
    }

    /** Returns the number of pairs. */
    public int size() {
        return size;
    }

    /** Returns the key of pair {@code index} as a long. */
    public long keyBits(int index) {
        return keys[index];
    }

    /** Returns the key of pair {@code index}, boxed. */
    public Object key(int index) {
        return box(keyType, keys[index]);
    }

    /** Returns the value of pair {@code index}, boxed. */
    public Object value(int index) {
        return box(valueType, values[index]);
    }

    /** The hash code of the boxed key of pair {@code index}. */
    public int keyHashCode(int index) {
        long key = keys[index];
        return keyType == Integer.class ? (int) key : Long.hashCode(key);
    }

    /** Whether the keys' hash codes tell them apart: {@link Integer} keys. */
    public boolean hashIdentifiesKeys() {
        return keyType == Integer.class;
    }

    /** Passes every pair, boxed, to {@code action}, in the order they were added. */
    public void forEach(BiConsumer<Object, Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(key(i), value(i));
        }
    }

    /** Returns the heap taken by the buffer's arrays. */
    public long footprint() {
        return 32L + 16L * keys.length;
    }

    private static Object box(Class<?> type, long value) {
        return type == Integer.class ? (Object) (int) value : (Object) value;
    }
}
