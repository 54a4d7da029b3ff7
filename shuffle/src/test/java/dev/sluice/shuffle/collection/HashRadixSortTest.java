package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

class HashRadixSortTest {

    @Test
    void sortsByTheSignedHighHalfAndKeepsTheOrderOfEqualHashes() {
        Random random = new Random(5);
        int n = 50_000;
        long[] values = new long[n + 3];
        for (int i = 0; i < n; i++) {
            int hash = switch (i % 4) {
                case 0 -> random.nextInt();
                case 1 -> random.nextInt(50) - 25; // many equal hashes around zero
                case 2 -> Integer.MIN_VALUE + random.nextInt(3);
                default -> Integer.MAX_VALUE - random.nextInt(3);
            };
            values[i] = (long) hash << 32 | i;
        }
        values[n] = 99; // past the length: untouched
        long[] expected = Arrays.copyOf(values, n);
        Arrays.sort(expected); // the low half is the index, so this is the stable order by hash

        HashRadixSort.sort(values, n);

        assertThat(Arrays.copyOf(values, n)).isEqualTo(expected);
        assertThat(values[n]).isEqualTo(99);
    }

    @Test
    void shortInputsAreLeftAlone() {
        long[] one = {42};
        HashRadixSort.sort(one, 1);
        HashRadixSort.sort(new long[0], 0);
        assertThat(one).containsExactly(42);
    }
}
