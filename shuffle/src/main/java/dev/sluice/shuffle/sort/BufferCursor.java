package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.collection.PairBuffer;

/** A cursor over the pairs of a {@link PairBuffer}, in buffer order. */
final class BufferCursor<K, V> implements PairCursor<K, V> {

    private final PairBuffer<K, V> buffer;
    private int index = -1;

    BufferCursor(PairBuffer<K, V> buffer) {
        this.buffer = buffer;
    }

    @Override
    public boolean advance() {
        return ++index < buffer.size();
    }

    @Override
    public K key() {
        return buffer.key(index);
    }

    @Override
    public V value() {
        return buffer.value(index);
    }

    @Override
    public void close() {
        index = buffer.size();
    }
}
