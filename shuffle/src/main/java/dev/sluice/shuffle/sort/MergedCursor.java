package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.RecordShape;

/**
 * The output of a merge iterator seen as a cursor, so that a merge pass can be written as a new run: the
 * iterator builds one reusable holder per pair ({@link #shape()}), and the cursor reads key and value from it.
 */
final class MergedCursor<K, V> implements PairCursor<K, V> {

    /** The pair a merge iterator hands out; only read before the next one. */
    static final class Holder<K, V> {
        K key;
        V value;
    }

    private final Holder<K, V> current = new Holder<>();
    private CloseableIterator<Holder<K, V>> merged;

    /** Starts empty: {@link #of} attaches the merge iterator built with {@link #shape()}. */
    MergedCursor() {
    }

    /** The shape the merge iterator builds its records with: it fills this cursor's holder. */
    RecordShape<Holder<K, V>, K, V> shape() {
        return new RecordShape<>() {
            @Override
            public K key(Holder<K, V> record) {
                return record.key;
            }

            @Override
            public V value(Holder<K, V> record) {
                return record.value;
            }

            @Override
            public Holder<K, V> of(K key, V value) {
                current.key = key;
                current.value = value;
                return current;
            }
        };
    }

    /** Reads from {@code iterator}, which must build its records with {@link #shape()}. */
    MergedCursor<K, V> of(CloseableIterator<Holder<K, V>> iterator) {
        this.merged = iterator;
        return this;
    }

    @Override
    public boolean advance() {
        if (merged.hasNext()) {
            merged.next();
            return true;
        }
        close();
        return false;
    }

    @Override
    public K key() {
        return current.key;
    }

    @Override
    public V value() {
        return current.value;
    }

    @Override
    public void close() {
        merged.close();
    }
}
