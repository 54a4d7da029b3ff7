package dev.sluice.shuffle.collection;

import dev.sluice.shuffle.RecordShape;
import dev.sluice.shuffle.memory.MemoryReservation;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.TaskMemory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The build side of a hash join: every value of each key, in memory, with a flag saying whether a
 * probe has found the key (outer joins emit the keys no probe found). Its estimated size is
 * accounted against the task's execution memory; {@link #add} says when memory is refused, and the
 * caller then {@linkplain #drain drains} the table into a strategy that spills.
 *
 * <p>Null keys and values are allowed. Not thread-safe: one task uses it.
 */
public final class RecordTable<K, V> implements AutoCloseable {
    /** Heap per key beyond the key and values: the hash map's node and slot, the group and its list. */
    static final long BYTES_PER_KEY = 96;

    private final HashMap<K, Group<V>> groups = new HashMap<>();
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
    }

    /**
     * Adds a record. Returns false when the task's memory refused to cover the table any more: the
     * record is in the table, but the caller should stop and {@link #drain} it.
     */
    public boolean add(K key, V value) {
        Group<V> group = groups.get(key);
        if (group == null) {
            groups.put(key, new Group<>(value));
        } else {
            group.add(value);
        }
        records++;
        sampler.observe(key, value);
        return reservation.cover(groups.size() * BYTES_PER_KEY + sampler.estimate(records));
    }

    /** The values of {@code key}, marking it matched; null when the table does not hold it. */
    public List<V> match(K key) {
        Group<V> group = groups.get(key);
        if (group == null) {
            return null;
        }
        group.matched = true;
        return group.values;
    }

    /** Passes every key that {@link #match} never found, with its values, to {@code action}. */
    public void forEachUnmatched(BiConsumer<? super K, ? super List<V>> action) {
        for (Map.Entry<K, Group<V>> entry : groups.entrySet()) {
            if (!entry.getValue().matched) {
                action.accept(entry.getKey(), entry.getValue().values);
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
        Iterator<Map.Entry<K, Group<V>>> entries = groups.entrySet().iterator();
        return new Iterator<>() {
            private K key;
            private Iterator<V> values = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!values.hasNext()) {
                    if (!entries.hasNext()) {
                        return false;
                    }
                    Map.Entry<K, Group<V>> entry = entries.next();
                    key = entry.getKey();
                    values = entry.getValue().values.iterator();
                    entries.remove();
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
        groups.clear();
        records = 0;
        reservation.releaseAll();
    }
}
