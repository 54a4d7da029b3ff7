package dev.sluice.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.serial.JavaSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashPartitionerTest {

    /** A key whose hash code the test chooses. */
    private record Hashed(int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void nullKeyGoesToPartitionZero() {
        assertThat(new HashPartitioner(1).partition(null)).isZero();
        assertThat(new HashPartitioner(7).partition(null)).isZero();
    }

    @Test
    void keyGoesToItsHashCodeModuloThePartitionCount() {
        HashPartitioner p = new HashPartitioner(4);

        assertThat(p.partition(new Hashed(0))).isEqualTo(0);
        assertThat(p.partition(new Hashed(5))).isEqualTo(1);
        assertThat(p.partition(new Hashed(11))).isEqualTo(3);
        assertThat(p.partition(new Hashed(Integer.MAX_VALUE))).isEqualTo(3);
    }

    @Test
    void negativeHashCodesStillGiveAPartitionInRange() {
        HashPartitioner p = new HashPartitioner(4);

        assertThat(p.partition(new Hashed(-1))).isEqualTo(3);
        assertThat(p.partition(new Hashed(-4))).isEqualTo(0);
        assertThat(p.partition(new Hashed(-6))).isEqualTo(2);
        assertThat(p.partition(new Hashed(Integer.MIN_VALUE))).isEqualTo(0);
        assertThat(new HashPartitioner(3).partition(new Hashed(Integer.MIN_VALUE))).isEqualTo(1);
    }

    @Test
    void everyKeyLandsInRangeAndEqualKeysLandTogether() {
        HashPartitioner p = new HashPartitioner(13);
        for (int i = -5_000; i < 5_000; i++) {
            Object key = i % 2 == 0 ? (Object) ("k" + i) : (Object) (i * 7919L);
            int partition = p.partition(key);
            assertThat(partition).isBetween(0, 12);
            assertThat(p.partition(key instanceof String s ? new String(s) : Long.valueOf((Long) key)))
                    .isEqualTo(partition);
        }
    }

    @Test
    void spreadsManyKeysOverAllPartitions() {
        HashPartitioner p = new HashPartitioner(8);
        int[] counts = new int[8];
        for (int i = 0; i < 8_000; i++) {
            counts[p.partition("key-" + i)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(700, 1300);
        }
    }

    @Test
    void numPartitions() {
        assertThat(new HashPartitioner(1).numPartitions()).isEqualTo(1);
        assertThat(new HashPartitioner(200).numPartitions()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nonPositivePartitionCountIsRejected(int partitions) {
        assertThatThrownBy(() -> new HashPartitioner(partitions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toString(partitions));
    }

    @Test
    void equalExactlyWhenThePartitionCountsAreEqual() {
        HashPartitioner four = new HashPartitioner(4);

        assertThat(four).isEqualTo(new HashPartitioner(4)).hasSameHashCodeAs(new HashPartitioner(4));
        assertThat(four).isNotEqualTo(new HashPartitioner(5));
        assertThat(four).isNotEqualTo(null);
        assertThat(four).isNotEqualTo(new RangePartitioner(4, List.of(), java.util.Comparator.naturalOrder(), true));
        assertThat(four).isNotEqualTo(new Partitioner() {
            @Override
            public int numPartitions() {
                return 4;
            }

            @Override
            public int partition(Object key) {
                return 0;
            }
        });
        assertThat(four.toString()).contains("4");
    }

    @Test
    void survivesJavaSerialization() {
        HashPartitioner p = new HashPartitioner(6);

        HashPartitioner copy = JavaSerialization.deserialize(JavaSerialization.serialize(p), getClass().getClassLoader());

        assertThat(copy).isEqualTo(p);
        assertThat(copy.partition("abc")).isEqualTo(p.partition("abc"));
    }
}
