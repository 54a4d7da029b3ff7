package dev.sluice.shuffle.testing;

import dev.sluice.common.record.RecordShape;

/** A key/value record for tests, standing in for the engine's pair type. */
public record TestPair<K, V>(K key, V value) {

    /** The shape of {@link TestPair} records. */
    public static <K, V> RecordShape<TestPair<K, V>, K, V> shape() {
        return new RecordShape<>() {
            @Override
            public K key(TestPair<K, V> record) {
                return record.key();
            }

            @Override
            public V value(TestPair<K, V> record) {
                return record.value();
            }

            @Override
            public TestPair<K, V> of(K key, V value) {
                return new TestPair<>(key, value);
            }
        };
    }
}
