package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.memory.MemoryReservation;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.TaskMemory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The build side of a hash join: every value of each key, in memory, with a flag saying whether a
 * probe has found the key (outer joins emit the keys no probe found). Its estimated size is
 * accounted against the task's execution memory; {@link #add} says when memory is refused, and the
 * caller then {@linkplain #drain drains} the table into a strategy that spills.
 *
 * <p>Keys are found by open addressing with spread hashes ({@link CombineMap#mix}), not with a
 * {@code HashMap}: the keys of one reduce partition share their hash modulo the partition count, which
 * piles a {@code HashMap}'s entries into a fraction of its bins (and then into tree bins).
 *
 * <p>The table lives as long as its task, long enough for what it holds to be copied into the old
 * generation and die there, so it holds as few objects as it can. A key's only value is kept as it is,
 * without a list around it (one is made for each {@link #match}); and while every key is an
 * {@link Integer} (or every key a {@link Long}) the keys are kept as their values in a {@code long[]}, as
 * {@link CombineMap} does. The first key of another type moves the table to boxed keys for good.
 *
 * <p>Null keys and values are allowed. Not thread-safe: one task uses it.
 */
public final class RecordTable<K, V> implements AutoCloseable {
    /** Heap per key beyond the key and values: its slots at the table's load, with a list for some. */
    static final long BYTES_PER_KEY = 48;
    private static final int INITIAL_CAPACITY = 64;
    private static final double MAX_LOAD = 0.6;
    /** Marks a free slot of {@link #longKeys}; a key with this value moves the table to boxed keys. */
    private static final long FREE = 0x8000_0000_7FFF_FFFFL;

    /** The keys' values while every key is of {@link #keyType} ({@link #FREE} marks a free slot); otherwise null. */
    private long[] longKeys;
    /** {@code Long.class} or {@code Integer.class} once the first key is in; null before. */
    private Class<?> keyType;
    /** The keys once they are not all of one integral type (null before); a null slot is free. */
    private Object[] keys;
    /** The spread hash of {@code keys[i]}; null with {@link #keys}. */
    private int[] hashes;
    /** Each key's value, or its {@link Several} values. */
    private Object[] values;
    private boolean[] matched;
    private int mask;
    private int size;
    private boolean hasNullKey;
    private Object nullKeyValues;
    private boolean nullKeyMatched;
    private final RecordSizeSampler sampler = new RecordSizeSampler();
    private final MemoryReservation reservation;
    private long records;

    /** The values of a key that has more than one; a private type, so no user value can be mistaken for it. */
    private static final class Several {
        final List<Object> values = new ArrayList<>(4);

        Several(Object first, Object second) {
            values.add(first);
            values.add(second);
        }
    }

    /** An empty table whose memory comes from {@code memory}. */
    public RecordTable(TaskMemory memory) {
        this.reservation = new MemoryReservation(Objects.requireNonNull(memory, "memory"));
        allocate(INITIAL_CAPACITY, true);
    }

    private void allocate(int capacity, boolean integralKeys) {
        if (integralKeys) {
            longKeys = new long[capacity];
            java.util.Arrays.fill(longKeys, FREE);
            keys = null;
            hashes = null;
        } else {
            keys = new Object[capacity];
            hashes = new int[capacity];
            longKeys = null;
        }
        values = new Object[capacity];
        matched = new boolean[capacity];
        mask = capacity - 1;
    }

    /**
     * Adds a record. Returns false when the task's memory refused to cover the table any more: the
     * record is in the table, but the caller should stop and {@link #drain} it.
     */
    public boolean add(K key, V value) {
        if (key == null) {
            nullKeyValues = hasNullKey ? withValue(nullKeyValues, value) : value;
            hasNullKey = true;
        } else {
            int index = slotOf(key);
            if (isFree(index)) {
                insertKey(index, key);
                values[index] = value;
                if (++size > mask * MAX_LOAD) {
                    grow();
                }
            } else {
                values[index] = withValue(values[index], value);
            }
        }
        records++;
        sampler.observe(key, value);
        return reservation.cover(groupCount() * BYTES_PER_KEY + sampler.estimate(records));
    }

    /** A key's values with {@code value} added. */
    private static Object withValue(Object values, Object value) {
        if (values instanceof Several several) {
            several.values.add(value);
            return several;
        }
        return new Several(values, value);
    }

    /** The values held for a key, as a list. */
    @SuppressWarnings("unchecked")
    private List<V> asList(Object values) {
        return values instanceof Several several
                ? (List<V>) several.values
                : Collections.singletonList((V) values);
    }

    private boolean isFree(int index) {
        return longKeys != null ? longKeys[index] == FREE : keys[index] == null;
    }

    /** The slot holding {@code key}, or the free slot where it belongs. */
    private int slotOf(Object key) {
        if (longKeys != null) {
            if (keyType == null && (key instanceof Integer || key instanceof Long)) {
                keyType = key.getClass();
            }
            if (key.getClass() == keyType && ((Number) key).longValue() != FREE) {
                return slotOfIntegral(((Number) key).longValue(), key.hashCode());
            }
            if (size == 0 && keyType == null) {
                allocate(mask + 1, false); // the first key is not integral: boxed from the start
            } else {
                boxKeys();
            }
        }
        int hash = CombineMap.mix(key.hashCode());
        int index = hash & mask;
        while (true) {
            Object candidate = keys[index];
            if (candidate == null || hashes[index] == hash && (candidate == key || key.equals(candidate))) {
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    /** The slot of integral key {@code value} (whose boxed hash code is {@code hashCode}), or its free slot. */
    private int slotOfIntegral(long value, int hashCode) {
        int index = CombineMap.mix(hashCode) & mask;
        long found;
        while ((found = longKeys[index]) != value && found != FREE) {
            index = (index + 1) & mask;
        }
        return index;
    }

    private void insertKey(int index, Object key) {
        if (longKeys != null) {
            longKeys[index] = ((Number) key).longValue();
        } else {
            keys[index] = key;
            hashes[index] = CombineMap.mix(key.hashCode());
        }
    }

    /** Empties slot {@code index}; only for draining, which visits slots in order and looks no key up. */
    private void free(int index) {
        if (longKeys != null) {
            longKeys[index] = FREE;
        } else {
            keys[index] = null;
        }
        values[index] = null;
        matched[index] = false;
        size--;
    }

    private Object keyAt(int index) {
        if (longKeys == null) {
            return keys[index];
        }
        long value = longKeys[index];
        return keyType == Integer.class ? (Object) (int) value : (Object) value;
    }

    /** Leaves the integral-key representation for good, boxing the keys in place (their slots do not move). */
    private void boxKeys() {
        int capacity = mask + 1;
        Object[] boxed = new Object[capacity];
        int[] spread = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            if (longKeys[i] != FREE) {
                boxed[i] = keyAt(i);
                spread[i] = CombineMap.mix(boxed[i].hashCode());
            }
        }
        keys = boxed;
        hashes = spread;
        longKeys = null;
    }

    private void grow() {
        long[] oldLongKeys = longKeys;
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        boolean[] oldMatched = matched;
        int oldCapacity = mask + 1;
        allocate(oldCapacity * 2, oldLongKeys != null);
        for (int old = 0; old < oldCapacity; old++) {
            int index;
            if (oldLongKeys != null) {
                long key = oldLongKeys[old];
                if (key == FREE) {
                    continue;
                }
                index = slotOfIntegral(key, keyType == Integer.class ? (int) key : Long.hashCode(key));
                longKeys[index] = key;
            } else {
                Object key = oldKeys[old];
                if (key == null) {
                    continue;
                }
                int hash = CombineMap.mix(key.hashCode());
                index = hash & mask;
                while (keys[index] != null) {
                    index = (index + 1) & mask;
                }
                keys[index] = key;
                hashes[index] = hash;
            }
            values[index] = oldValues[old];
            matched[index] = oldMatched[old];
        }
    }

    private int groupCount() {
        return size + (hasNullKey ? 1 : 0);
    }

    /** The values of {@code key}, marking it matched; null when the table does not hold it. */
    public List<V> match(K key) {
        if (key == null) {
            if (!hasNullKey) {
                return null;
            }
            nullKeyMatched = true;
            return asList(nullKeyValues);
        }
        if (longKeys != null && key.getClass() != keyType) {
            return null; // no key of another type was added, or the keys would be boxed
        }
        int index = longKeys != null ? slotOfIntegral(((Number) key).longValue(), key.hashCode()) : slotOf(key);
        if (isFree(index)) {
            return null;
        }
        matched[index] = true;
        return asList(values[index]);
    }

    /** Passes every key that {@link #match} never found, with its values, to {@code action}. */
    @SuppressWarnings("unchecked")
    public void forEachUnmatched(BiConsumer<? super K, ? super List<V>> action) {
        if (hasNullKey && !nullKeyMatched) {
            action.accept(null, asList(nullKeyValues));
        }
        for (int i = 0; i <= mask; i++) {
            if (!isFree(i) && !matched[i]) {
                action.accept((K) keyAt(i), asList(values[i]));
            }
        }
    }

    /** The number of records added. */
    public long records() {
        return records;
    }

    /**
     * Hands back every record as {@code shape} builds them, emptying the table as the iterator
     * advances, and releases the table's memory (whoever takes the records accounts for them anew).
     */
    public <R> Iterator<R> drain(RecordShape<R, K, V> shape) {
        reservation.releaseAll();
        records = 0;
        return new Iterator<>() {
            private int slot = -1; // -1: the null key's values, then the slots in order
            private K key;
            private Iterator<V> keyValues = Collections.emptyIterator();

            @Override
            @SuppressWarnings("unchecked")
            public boolean hasNext() {
                while (!keyValues.hasNext()) {
                    if (slot == -1) {
                        slot = 0;
                        if (hasNullKey) {
                            key = null;
                            keyValues = asList(nullKeyValues).iterator();
                            hasNullKey = false;
                            nullKeyValues = null;
                        }
                        continue;
                    }
                    while (slot <= mask && isFree(slot)) {
                        slot++;
                    }
                    if (slot > mask) {
                        return false;
                    }
                    key = (K) keyAt(slot);
                    keyValues = asList(values[slot]).iterator();
                    free(slot);
                    slot++;
                }
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return shape.of(key, keyValues.next());
            }
        };
    }

    /** Drops the records and releases the memory. Idempotent. */
    @Override
    public void close() {
        allocate(INITIAL_CAPACITY, true);
        keyType = null;
        size = 0;
        hasNullKey = false;
        nullKeyValues = null;
        nullKeyMatched = false;
        records = 0;
        reservation.releaseAll();
    }
}
