package dev.sluice;

import java.io.Serializable;

/**
 * A key and a value: the record type of a {@link PairDataset}. Either may be null.
 *
 * @param key   the key (may be null)
 * @param value the value (may be null)
 */
public record Pair<K, V>(K key, V value) implements Serializable {

    /** A pair of {@code key} and {@code value}. */
    public static <K, V> Pair<K, V> of(K key, V value) {
        return new Pair<>(key, value);
    }

    @Override
    public String toString() {
        return "(" + key + "," + value + ")";
    }
}
