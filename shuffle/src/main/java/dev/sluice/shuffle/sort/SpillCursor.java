package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.serializer.RecordInput;

/** A cursor over the key/value pairs of a spill file, read one pair at a time. */
final class SpillCursor<K, V> implements PairCursor<K, V> {

    private final RecordInput input;
    private K key;
    private V value;
    private boolean closed;

    SpillCursor(RecordInput input) {
        this.input = input;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean advance() {
        if (closed) {
            return false;
        }
        if (input.atEnd()) {
            close();
            return false;
        }
        key = (K) input.read();
        value = (V) input.read();
        return true;
    }

    @Override
    public K key() {
        return key;
    }

    @Override
    public V value() {
        return value;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            key = null;
            value = null;
            input.close();
        }
    }
}
