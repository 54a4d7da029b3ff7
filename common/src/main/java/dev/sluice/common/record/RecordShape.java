package dev.sluice.common.record;

/**
 * How the caller's record type splits into a key and a value, and how a record is rebuilt from them: the API
 * implements it for its pair type, so that the shuffle never needs to know that type. A shape travels inside
 * tasks, so implementations are usually serializable too.
 *
 * <p>Keys and values may be {@code null}; implementations must accept and produce them.
 *
 * @param <R> the record type
 * @param <K> the key type
 * @param <V> the value type
 */
public interface RecordShape<R, K, V> {

    /** Returns the key of {@code record}. */
    K key(R record);

    /** Returns the value of {@code record}. */
    V value(R record);

    /** Builds a record from a key and a value. */
    R of(K key, V value);

    /** How keys of the caller's own types pack into longs for hash tables, or null if none do. */
    default KeyPacking keyPacking() {
        return null;
    }
}
