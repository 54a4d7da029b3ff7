package dev.sluice;

import java.io.Serializable;
import java.util.Objects;

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

    /**
     * Multiplies the key's hash by an odd constant with well-spread bits (2<sup>32</sup> divided by the golden
     * ratio) before adding the value's. The record default, {@code 31 * key + value}, gives pairs of ints many
     * equal hashes: (s, d) and (s + 1, d - 31) collide, and 5 million graph edges had only 3.9 million distinct
     * hashes, which made every hash table keyed by pairs compare keys on a quarter of its lookups.
     */
    @Override
    public int hashCode() {
        return 0x9E3779B9 * Objects.hashCode(key) + Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "(" + key + "," + value + ")";
    }
}
