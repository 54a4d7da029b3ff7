package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairBufferTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 16, 17, 100, 10_000})
    void sortsStablyByKey(int size) {
        PairBuffer<Integer, Integer> buffer = new PairBuffer<>();
        List<int[]> expected = new ArrayList<>();
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            int key = random.nextInt(Math.max(1, size / 4));
            buffer.add(key, i);
            expected.add(new int[] {key, i});
        }
        expected.sort(Comparator.comparingInt(pair -> pair[0])); // List.sort is stable

        buffer.sort(Comparator.naturalOrder());

        assertThat(buffer.size()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            assertThat(new int[] {buffer.key(i), buffer.value(i)}).containsExactly(expected.get(i));
        }
    }

    @Test
    void sortsNullKeysWithANullFriendlyComparator() {
        PairBuffer<String, String> buffer = new PairBuffer<>();
        buffer.add("b", "1");
        buffer.add(null, "2");
        buffer.add("a", null);

        buffer.sort(Comparator.nullsFirst(Comparator.naturalOrder()));

        assertThat(List.of(String.valueOf(buffer.key(0)), buffer.key(1), buffer.key(2)))
                .containsExactly("null", "a", "b");
        assertThat(buffer.value(1)).isNull();
    }

    @Test
    void clearEmptiesAndRejectsStaleIndexes() {
        PairBuffer<Integer, Integer> buffer = new PairBuffer<>();
        for (int i = 0; i < 1000; i++) {
            buffer.add(i, i);
        }
        long grown = buffer.footprint();

        buffer.clear();

        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.footprint()).isLessThan(grown);
        assertThatThrownBy(() -> buffer.key(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
