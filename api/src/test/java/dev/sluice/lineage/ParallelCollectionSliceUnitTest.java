package dev.sluice.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serial.JavaSerialization;
import dev.sluice.spi.Partition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParallelCollectionSliceUnitTest {

    record Point(int x, int y) implements java.io.Serializable {}

    static List<List<?>> contents() {
        return List.of(
                List.of(),
                IntStream.rangeClosed(-500, 500).boxed().toList(),
                List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE),
                List.of(-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, 1.5),
                List.of("a", "", "a", "ünïcödé ✓", "x".repeat(70_000)),
                Arrays.asList(1, null, 3),
                Arrays.asList((Object) null),
                List.of(1, 2L, 3.0, "four"),
                List.of(new Point(1, 2), new Point(3, 4)),
                List.of(List.of(1), List.of()));
    }

    @ParameterizedTest
    @MethodSource("contents")
    void aSliceRoundTripsWithItsIndexAndEveryElementOfItsType(List<?> data) {
        ParallelCollectionNode<Object> node = new ParallelCollectionNode<>(1, "here", new ArrayList<>(data), 3);
        for (int index = 0; index < 3; index++) {
            Partition slice = node.partition(index);

            Object copy = JavaSerialization.deserialize(JavaSerialization.serialize(slice), getClass().getClassLoader());

            assertThat(copy).isInstanceOf(ParallelCollectionNode.Slice.class).isEqualTo(slice);
            List<?> elements = ((ParallelCollectionNode.Slice<?>) copy).data();
            List<?> original = ((ParallelCollectionNode.Slice<?>) slice).data();
            for (int i = 0; i < elements.size(); i++) {
                assertThat(elements.get(i) == null ? null : elements.get(i).getClass())
                        .isEqualTo(original.get(i) == null ? null : original.get(i).getClass());
            }
        }
    }
}
