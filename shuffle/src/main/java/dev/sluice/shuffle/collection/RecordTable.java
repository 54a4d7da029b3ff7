package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.memory.MemoryConsumer;
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
 * <p>Keys are found as {@link KeySlots} finds them, by the open addressing with spread hashes that {@link CombineMap}
 * uses too, not with a {@code HashMap}: the keys of one reduce partition share their hash modulo the partition
 * count, which piles a {@code HashMap}'s entries into a fraction of its bins (and then into tree bins).
 *
 * <p>The table lives as long as its task, long enough for what it holds to be copied into the old
 * generation and die there, so it holds as few objects as it can. A key's only value is kept as it is,
 * without a list around it (one is made for each {@link #match}); and while every key is an
 * {@link Integer} (or every key a {@link Long}) the keys are kept as their values in a {@code long[]}.
 * The first key of another type moves the table to boxed keys for good.
 *
 * <p>Null keys and values are allowed. Not thread-safe: one task uses it.
 */
public final class RecordTable<K, V> extends KeySlots implements AutoCloseable {
    /** Heap per key beyond the key and values: its slots at the table's load, with a list for some. */
    static final long BYTES_PER_KEY = 48;
    private static final int INITIAL_CAPACITY = 64;
    private static final double MAX_LOAD = 0.6;

    /** Each key's value, or its {@link Several} values. */
    private Object[] values = new Object[INITIAL_CAPACITY];
    private boolean[] matched = new boolean[INITIAL_CAPACITY];
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
        super(INITIAL_CAPACITY, capacity -> (int) ((capacity - 1) * MAX_LOAD), false);
        // A table cannot spill: it is the build side of a join that probes it until the task ends. When it does not
        // fit, add() says so and the caller drains it into a strategy that spills.
        this.reservation = Objects.requireNonNull(memory, "memory").reserve(MemoryConsumer.UNSPILLABLE);
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
            int slot = slotOf(key);
            if (isFree(slot)) {
                insertKey(slot, key);
                values[slot] = value;
                if (needsToGrow()) {
                    grow();
                }
            } else {
                values[slot] = withValue(values[slot], value);
            }
        }
        records++;
        sampler.observe(key, value);
        return reservation.cover(usage());
    }

    private long usage() {
        return groupCount() * BYTES_PER_KEY + sampler.estimate(records);
    }

    /**
     * Says that every record has been added: the table gives back the memory it reserved to grow, so that the
     * task's other consumers (a map-side combine fed by the join) can use it.
     */
    public void built() {
        reservation.trimTo(usage());
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

    /** Empties slot {@code slot}; only for draining, which visits slots in order and looks no key up. */
    private void drop(int slot) {
        freeSlot(slot);
        values[slot] = null;
        matched[slot] = false;
    }

    private void grow() {
        Object[] oldValues = values;
        boolean[] oldMatched = matched;
        int capacity = capacity() * 2;
        Object[] movedValues = new Object[capacity];
        boolean[] movedMatched = new boolean[capacity];
        growKeys((from, to) -> {
            movedValues[to] = oldValues[from];
            movedMatched[to] = oldMatched[from];
        });
        values = movedValues;
        matched = movedMatched;
    }

    private int groupCount() {
        return keyCount() + (hasNullKey ? 1 : 0);
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
        int slot = findSlot(key);
        if (slot < 0) {
            return null;
        }
        matched[slot] = true;
        return asList(values[slot]);
    }

    /** Passes every key that {@link #match} never found, with its values, to {@code action}. */
    @SuppressWarnings("unchecked")
    public void forEachUnmatched(BiConsumer<? super K, ? super List<V>> action) {
        if (hasNullKey && !nullKeyMatched) {
            action.accept(null, asList(nullKeyValues));
        }
        for (int i = 0; i < capacity(); i++) {
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
                    int capacity = capacity();
                    while (slot < capacity && isFree(slot)) {
                        slot++;
                    }
                    if (slot >= capacity) {
                        return false;
                    }
                    key = (K) keyAt(slot);
                    keyValues = asList(values[slot]).iterator();
                    drop(slot);
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
        resetKeys(INITIAL_CAPACITY, false);
        values = new Object[INITIAL_CAPACITY];
        matched = new boolean[INITIAL_CAPACITY];
        hasNullKey = false;
        nullKeyValues = null;
        nullKeyMatched = false;
        records = 0;
        reservation.close();
    }
}
