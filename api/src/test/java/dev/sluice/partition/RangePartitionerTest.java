package dev.sluice.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.function.SerializableComparator;
import dev.sluice.serial.JavaSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangePartitionerTest {

    private static final SerializableComparator<Integer> NATURAL = SerializableComparator.naturalOrder();

    private static RangePartitioner ascending(int partitions, Integer... bounds) {
        return new RangePartitioner(partitions, List.of(bounds), NATURAL, true);
    }

    private static RangePartitioner descending(int partitions, Integer... bounds) {
        return new RangePartitioner(partitions, List.of(bounds), NATURAL, false);
    }

    @Test
    void upperBoundsAreInclusiveWhenAscending() {
        RangePartitioner p = ascending(3, 10, 20);

        assertThat(p.partition(Integer.MIN_VALUE)).isEqualTo(0);
        assertThat(p.partition(5)).isEqualTo(0);
        assertThat(p.partition(10)).isEqualTo(0);
        assertThat(p.partition(11)).isEqualTo(1);
        assertThat(p.partition(20)).isEqualTo(1);
        assertThat(p.partition(21)).isEqualTo(2);
        assertThat(p.partition(Integer.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void descendingPutsTheLargestKeysInPartitionZero() {
        RangePartitioner p = descending(3, 10, 20);

        assertThat(p.partition(5)).isEqualTo(2);
        assertThat(p.partition(10)).isEqualTo(2);
        assertThat(p.partition(11)).isEqualTo(1);
        assertThat(p.partition(20)).isEqualTo(1);
        assertThat(p.partition(21)).isEqualTo(0);
    }

    @Test
    void partitionsAreOrderedRanges() {
        RangePartitioner asc = ascending(5, -50, 0, 7, 100);
        RangePartitioner desc = descending(5, -50, 0, 7, 100);
        int previousAsc = 0;
        int previousDesc = 4;
        List<Integer> seen = new ArrayList<>();
        for (int key = -200; key <= 200; key++) {
            int a = asc.partition(key);
            int d = desc.partition(key);
            assertThat(a).isBetween(0, 4).isGreaterThanOrEqualTo(previousAsc);
            assertThat(d).isBetween(0, 4).isLessThanOrEqualTo(previousDesc).isEqualTo(4 - a);
            previousAsc = a;
            previousDesc = d;
            if (!seen.contains(a)) {
                seen.add(a);
            }
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void nullKeysSortFirst() {
        assertThat(ascending(3, 10, 20).partition(null)).isEqualTo(0);
        assertThat(descending(3, 10, 20).partition(null)).isEqualTo(2);
    }

    @Test
    void nullBoundsFromSampledNullKeysAreAllowed() {
        RangePartitioner p = new RangePartitioner(3, Arrays.asList(null, 5), NATURAL, true);

        assertThat(p.partition(null)).isEqualTo(0);
        assertThat(p.partition(Integer.MIN_VALUE)).isEqualTo(1);
        assertThat(p.partition(5)).isEqualTo(1);
        assertThat(p.partition(6)).isEqualTo(2);
    }

    @Test
    void followsTheGivenOrdering() {
        // bounds are ascending by the ordering: here, by length, then alphabetically
        SerializableComparator<String> byLength = SerializableComparator.<String, Integer>comparing(String::length)
                .thenComparing(SerializableComparator.naturalOrder());
        RangePartitioner p = new RangePartitioner(3, List.of("zz", "aaaa"), byLength, true);

        assertThat(p.partition("z")).isEqualTo(0);
        assertThat(p.partition("zz")).isEqualTo(0);
        assertThat(p.partition("aaa")).isEqualTo(1);
        assertThat(p.partition("aaaa")).isEqualTo(1);
        assertThat(p.partition("aaab")).isEqualTo(2);
        assertThat(p.partition("a long key")).isEqualTo(2);
    }

    @Test
    void withoutBoundsEverythingGoesToTheFirstPartition() {
        assertThat(ascending(1).partition(42)).isZero();
        assertThat(ascending(1).partition(null)).isZero();
        assertThat(descending(1).partition(42)).isZero();
    }

    @Test
    void fewerBoundsThanPartitionsLeavesTheLastPartitionsEmpty() {
        RangePartitioner p = ascending(4, 0);

        assertThat(p.numPartitions()).isEqualTo(4);
        assertThat(p.partition(-1)).isEqualTo(0);
        assertThat(p.partition(1)).isEqualTo(1);
        assertThat(descending(4, 0).partition(1)).isEqualTo(2);
        assertThat(descending(4, 0).partition(-1)).isEqualTo(3);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ascending(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> ascending(-2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> ascending(2, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 partitions");
        assertThatThrownBy(() -> new RangePartitioner(2, List.of(1), null, true))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void upperBoundsAreAnUnmodifiableCopy() {
        List<Integer> bounds = new ArrayList<>(List.of(10, 20));
        RangePartitioner p = new RangePartitioner(3, bounds, NATURAL, true);

        bounds.set(0, 15);

        assertThat(p.upperBounds()).containsExactly(10, 20);
        assertThat(p.partition(12)).isEqualTo(1);
        assertThatThrownBy(() -> p.upperBounds().set(0, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalWhenPartitionsBoundsAndDirectionAreEqual() {
        RangePartitioner p = ascending(3, 10, 20);

        assertThat(p).isEqualTo(ascending(3, 10, 20)).hasSameHashCodeAs(ascending(3, 10, 20));
        assertThat(p).isNotEqualTo(ascending(3, 10, 21));
        assertThat(p).isNotEqualTo(ascending(3, 10));
        assertThat(p).isNotEqualTo(ascending(4, 10, 20));
        assertThat(p).isNotEqualTo(descending(3, 10, 20));
        assertThat(p).isNotEqualTo(new HashPartitioner(3));
        assertThat(p).isNotEqualTo(null);
        assertThat(p.toString()).contains("3").contains("ascending");
        assertThat(descending(3, 10, 20).toString()).contains("descending");
    }

    @Test
    void equalPartitionersPutEveryKeyInTheSamePartition() {
        // The Partitioner contract: datasets partitioned by equal partitioners are co-partitioned (joins skip the
        // shuffle). Two range partitioners with the same bounds but different orderings split keys differently.
        SerializableComparator<String> natural = SerializableComparator.naturalOrder();
        SerializableComparator<String> caseInsensitive = String::compareToIgnoreCase;
        RangePartitioner byNatural = new RangePartitioner(2, List.of("m"), natural, true);
        RangePartitioner byCaseInsensitive = new RangePartitioner(2, List.of("m"), caseInsensitive, true);
        assertThat(byNatural.partition("Z")).isNotEqualTo(byCaseInsensitive.partition("Z"));

        assertThat(byNatural).isNotEqualTo(byCaseInsensitive);
        assertThat(byNatural).isEqualTo(new RangePartitioner(2, List.of("m"), natural, true));
    }

    @Test
    void survivesJavaSerialization() {
        RangePartitioner p = descending(4, -3, 0, 9);

        RangePartitioner copy = JavaSerialization.deserialize(JavaSerialization.serialize(p), getClass().getClassLoader());

        assertThat(copy.upperBounds()).containsExactly(-3, 0, 9);
        assertThat(copy.numPartitions()).isEqualTo(4);
        for (int key = -10; key <= 10; key++) {
            assertThat(copy.partition(key)).as("key %d", key).isEqualTo(p.partition(key));
        }
        assertThat(copy.partition(null)).isEqualTo(p.partition(null)).isEqualTo(3);
    }

    @Test
    void survivesJavaSerializationEqualToTheOriginalWhenItsOrderingIsAValue() {
        RangePartitioner p = new RangePartitioner(3, List.of("b", "d"), Comparator.<String>naturalOrder(), true);

        RangePartitioner copy = JavaSerialization.deserialize(JavaSerialization.serialize(p), getClass().getClassLoader());

        assertThat(copy).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(copy.partition("c")).isEqualTo(1);
    }

    @Test
    void serializingWithANonSerializableOrderingFailsNamingIt() {
        Comparator<Integer> plain = (a, b) -> Integer.compare(a, b);
        RangePartitioner p = new RangePartitioner(2, List.of(1), plain, true);

        assertThatThrownBy(() -> JavaSerialization.serialize(p))
                .isInstanceOf(dev.sluice.serial.SerializationException.class)
                .hasMessageContaining("RangePartitioner");
    }
}
