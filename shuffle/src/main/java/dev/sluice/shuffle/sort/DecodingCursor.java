package dev.sluice.shuffle.sort;

/**
 * A cursor that decodes each pair as it advances and holds it until the next: what a spill file's cursor and a
 * serialized buffer's cursor share. Subclasses {@link #hold} the pair they decoded and {@link #release} it when
 * they end.
 */
abstract class DecodingCursor<K, V> implements PairCursor<K, V> {
    private K key;
    private V value;

    /** Makes {@code decodedKey} and {@code decodedValue} the current pair. */
    final void hold(Object decodedKey, Object decodedValue) {
        key = uncheckedKey(decodedKey);
        value = uncheckedValue(decodedValue);
    }

    /** Drops the current pair, so that a closed cursor keeps nothing alive. */
    final void release() {
        key = null;
        value = null;
    }

    @Override
    public final K key() {
        return key;
    }

    @Override
    public final V value() {
        return value;
    }

    @SuppressWarnings("unchecked")
    private K uncheckedKey(Object decoded) {
        return (K) decoded;
    }

    @SuppressWarnings("unchecked")
    private V uncheckedValue(Object decoded) {
        return (V) decoded;
    }
}
