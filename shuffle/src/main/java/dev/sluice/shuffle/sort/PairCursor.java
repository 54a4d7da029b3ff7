package dev.sluice.shuffle.sort;

/** A forward-only position in a sequence of key/value pairs: an in-memory buffer or a spilled run. */
interface PairCursor<K, V> extends AutoCloseable {

    /**
     * Moves to the next pair.
     *
     * @return false, with the cursor closed, when there is none
     */
    boolean advance();

    /** Returns the key of the current pair. */
    K key();

    /** Returns the value of the current pair. */
    V value();

    @Override
    void close();
}
