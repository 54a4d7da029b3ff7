package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.collection.CombineMap;

/** A cursor over the entries of a {@link CombineMap}, read in place; closing it leaves the map to its owner. */
final class MapCursor<K, C> implements PairCursor<K, C> {

    private final CombineMap<K, C>.Cursor entries;
    private boolean exhausted;

    MapCursor(CombineMap<K, C>.Cursor entries) {
        this.entries = entries;
    }

    @Override
    public boolean advance() {
        exhausted = exhausted || !entries.advance();
        return !exhausted;
    }

    @Override
    public K key() {
        return entries.key();
    }

    @Override
    public C value() {
        return entries.combiner();
    }

    @Override
    public void close() {
        exhausted = true;
    }
}
