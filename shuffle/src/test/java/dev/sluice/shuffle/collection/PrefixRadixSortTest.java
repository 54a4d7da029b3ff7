package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PrefixRadixSortTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 17, 1_000, 50_000})
    void sortsSignedPrefixesStablyWithTheirPositions(int length) {
        Random random = new Random(length);
        long[] prefixes = new long[length];
        for (int i = 0; i < length; i++) {
            // few distinct values at varied magnitudes, so that ties and negative prefixes are common
            prefixes[i] = i % 5 == 0 ? Long.MIN_VALUE + random.nextInt(3)
                    : i % 7 == 0 ? Long.MAX_VALUE - random.nextInt(3)
                    : (random.nextLong() >> random.nextInt(64)) / 1_000 * 1_000;
        }
        Integer[] expected = IntStream.range(0, length).boxed().toArray(Integer[]::new);
        long[] original = prefixes.clone();
        Arrays.sort(expected, Comparator.comparingLong(i -> original[i])); // stable

        PrefixRadixSort.Sorted sorted = PrefixRadixSort.sort(prefixes, IntStream.range(0, length).toArray(), length);

        assertThat(Arrays.copyOf(sorted.positions(), length)).containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
        for (int i = 0; i < length; i++) {
            assertThat(sorted.prefixes()[i]).isEqualTo(original[expected[i]]);
        }
    }

    @Test
    void bytesEveryPrefixSharesCostNoPass() {
        long[] prefixes = {0x4100_0000_0000_0007L, 0x4100_0000_0000_0003L, 0x4100_0000_0000_0005L};
        int[] positions = {0, 1, 2};

        PrefixRadixSort.Sorted sorted = PrefixRadixSort.sort(prefixes, positions, 3);

        // one byte differs: one pass, so the result is in the scratch arrays
        assertThat(sorted.positions()).isNotSameAs(positions).containsExactly(1, 2, 0);
        long[] same = {9, 9, 9};
        assertThat(PrefixRadixSort.sort(same, positions, 3).positions()).isSameAs(positions);
    }

    @Test
    void onlyTheFirstLengthEntriesAreSorted() {
        long[] prefixes = {3, 1, 2, -5};
        PrefixRadixSort.Sorted sorted = PrefixRadixSort.sort(prefixes, new int[] {0, 1, 2, 3}, 3);
        assertThat(Arrays.copyOf(sorted.positions(), 3)).containsExactly(1, 2, 0);
    }
}
