package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.memory.MemoryReservation;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.TaskMemory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
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
 * <p>Null keys and values are allowed. Not thread-safe: one task uses it.
 */
public final class RecordTable<K, V> implements AutoCloseable {
    /** Heap per key beyond the key and values: its slots, the group and its list. */
    static final long BYTES_PER_KEY = 96;
    private static final int INITIAL_CAPACITY = 64;

    private Object[] keys;
    private int[] hashes;
    private Group<V>[] slots;
    private int mask;
    private int size;
    private Group<V> nullKeyGroup;
    private final RecordSizeSampler sampler = new RecordSizeSampler();
    private final MemoryReservation reservation;
    private long records;

    /** The values of one key, and whether a probe found it. */
    private static final class Group<V> {
        List<V> values;
        boolean matched;

        Group(V first) {
            this.values = Collections.singletonList(first);
        }

        void add(V value) {
            if (values.size() == 1 && !(values instanceof ArrayList)) {
                List<V> grown = new ArrayList<>(4);
                grown.add(values.get(0));
                values = grown;
            }
            values.add(value);
        }
    }

    /** An empty table whose memory comes from {@code memory}. */
    public RecordTable(TaskMemory memory) {
        this.reservation = new MemoryReservation(Objects.requireNonNull(memory, "memory"));
        allocate(INITIAL_CAPACITY);
    }

    @SuppressWarnings("unchecked")
    private void allocate(int capacity) {
        keys = new Object[capacity];
        hashes = new int[capacity];
        slots = (Group<V>[]) new Group<?>[capacity];
        mask = capacity - 1;
    }

    /**
     * Adds a record. Returns false when the task's memory refused to cover the table any more: the
     * record is in the table, but the caller should stop and {@link #drain} it.
     */
    public boolean add(K key, V value) {
        if (key == null) {
            if (nullKeyGroup == null) {
                nullKeyGroup = new Group<>(value);
            } else {
                nullKeyGroup.add(value);
            }
        } else {
            int hash = CombineMap.mix(key.hashCode());
            int index = slotOf(key, hash);
            if (slots[index] == null) {
                keys[index] = key;
                hashes[index] = hash;
                slots[index] = new Group<>(value);
                if (++size > keys.length * 0.6) {
                    grow();
                }
            } else {
                slots[index].add(value);
            }
        }
        records++;
        sampler.observe(key, value);
        return reservation.cover(groupCount() * BYTES_PER_KEY + sampler.estimate(records));
    }

    /** The slot holding {@code key}, or the empty slot where it belongs. */
    private int slotOf(Object key, int hash) {
        int index = hash & mask;
        while (true) {
            Object candidate = keys[index];
            if (candidate == null || hashes[index] == hash && (candidate == key || key.equals(candidate))) {
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        Group<V>[] oldSlots = slots;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int index = oldHashes[i] & mask;
                while (keys[index] != null) {
                    index = (index + 1) & mask;
                }
                keys[index] = oldKeys[i];
                hashes[index] = oldHashes[i];
                slots[index] = oldSlots[i];
            }
        }
    }

    private int groupCount() {
        return size + (nullKeyGroup == null ? 0 : 1);
    }

    /** The values of {@code key}, marking it matched; null when the table does not hold it. */
    public List<V> match(K key) {
        Group<V> group = key == null ? nullKeyGroup : slots[slotOf(key, CombineMap.mix(key.hashCode()))];
        if (group == null) {
            return null;
        }
        group.matched = true;
        return group.values;
    }

    /** Passes every key that {@link #match} never found, with its values, to {@code action}. */
    @SuppressWarnings("unchecked")
    public void forEachUnmatched(BiConsumer<? super K, ? super List<V>> action) {
        if (nullKeyGroup != null && !nullKeyGroup.matched) {
            action.accept(null, nullKeyGroup.values);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && !slots[i].matched) {
                action.accept((K) keys[i], slots[i].values);
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
            private int slot = -1; // -1: the null key's group, then the slots in order
            private K key;
            private Iterator<V> values = Collections.emptyIterator();

            @Override
            @SuppressWarnings("unchecked")
            public boolean hasNext() {
                while (!values.hasNext()) {
                    if (slot == -1) {
                        slot = 0;
                        if (nullKeyGroup != null) {
                            key = null;
                            values = nullKeyGroup.values.iterator();
                            nullKeyGroup = null;
                        }
                        continue;
                    }
                    while (slot < keys.length && keys[slot] == null) {
                        slot++;
                    }
                    if (slot == keys.length) {
                        return false;
                    }
                    key = (K) keys[slot];
                    values = slots[slot].values.iterator();
                    keys[slot] = null;
                    slots[slot] = null;
                    size--;
                    slot++;
                }
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return shape.of(key, values.next());
            }
        };
    }

    /** Drops the records and releases the memory. Idempotent. */
    @Override
    public void close() {
        allocate(INITIAL_CAPACITY);
        size = 0;
        nullKeyGroup = null;
        records = 0;
        reservation.releaseAll();
    }
}
