package dev.sluice.bench.jmh;

import dev.sluice.common.record.RecordShape;

/**
 * The tiny key/value record the shuffle microbenchmarks feed to the shuffle machinery, which sees it
 * only through {@link #shape()}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
record KV<K, V>(K key, V value) {

    private static final RecordShape<KV<Object, Object>, Object, Object> SHAPE = new RecordShape<>() {
        @Override
        public Object key(KV<Object, Object> record) {
            return record.key();
        }

        @Override
        public Object value(KV<Object, Object> record) {
            return record.value();
        }

        @Override
        public KV<Object, Object> of(Object key, Object value) {
            return new KV<>(key, value);
        }
    };

    /** The shape of {@code KV<K, V>} records. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V> RecordShape<KV<K, V>, K, V> shape() {
        return (RecordShape) SHAPE;
    }
}
