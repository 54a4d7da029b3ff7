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

    /**
     * Random keys: short, long, equal in their first four or eight characters, non-ASCII (around the prefix's
     * one-byte limit too), and nulls.
     */
    private static String randomKey(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null;
        }
        String alphabet = kind == 1 ? "a\u00e9\uffff\u0000\u00fe\u00ff\u0100\u017f" : "abcd";
        StringBuilder key = new StringBuilder(kind == 2 ? "same" : kind == 3 ? "samesame" : "");
        int length = random.nextInt(kind == 1 ? 12 : 7);
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void prefixSortOrdersStringsExactlyAsTheComparatorStably(boolean ascending) {
        Comparator<String> order = ascending ? Comparator.nullsFirst(Comparator.<String>naturalOrder())
                : Comparator.nullsFirst(Comparator.<String>naturalOrder()).reversed();
        Random random = new Random(42);
        PairBuffer<String, Integer> buffer = new PairBuffer<>();
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String key = randomKey(random);
            buffer.add(key, i);
            expected.add(new Object[] {key, i});
        }
        expected.sort((a, b) -> order.compare((String) a[0], (String) b[0]));

        buffer.sort(order, KeyPrefix.naturalOrder(ascending));

        for (int i = 0; i < expected.size(); i++) {
            assertThat(new Object[] {buffer.key(i), buffer.value(i)}).as("pair %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void keysWithEqualPrefixesAreOrderedByTheComparatorStably() {
        Random random = new Random(11);
        PairBuffer<String, Integer> buffer = new PairBuffer<>();
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // a common stem longer than the prefix: long runs of equal prefixes, and duplicate keys
            String key = (i % 3 == 0 ? "2026-11-26T" : "2026-11-25T") + random.nextInt(700);
            buffer.add(key, i);
            expected.add(new Object[] {key, i});
        }
        expected.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));

        buffer.sort(Comparator.naturalOrder(), KeyPrefix.naturalOrder(true));

        for (int i = 0; i < expected.size(); i++) {
            assertThat(new Object[] {buffer.key(i), buffer.value(i)}).as("pair %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void prefixSortOrdersNumbersIncludingNegativesAndExtremes() {
        Random random = new Random(7);
        PairBuffer<Long, Integer> buffer = new PairBuffer<>();
        List<Long> keys = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
        for (int i = 0; i < 5_000; i++) {
            keys.add(random.nextLong() >> random.nextInt(64));
        }
        for (int i = 0; i < keys.size(); i++) {
            buffer.add(keys.get(i), i);
        }
        keys.sort(Comparator.naturalOrder());

        buffer.sort(Comparator.naturalOrder(), KeyPrefix.naturalOrder(true));

        for (int i = 0; i < keys.size(); i++) {
            assertThat(buffer.key(i)).isEqualTo(keys.get(i));
        }
    }

    @Test
    void keysThePrefixDoesNotKnowAreSortedByTheComparatorAlone() {
        PairBuffer<Object, Integer> buffer = new PairBuffer<>();
        buffer.add(java.time.LocalDate.of(2026, 1, 2), 0);
        buffer.add(java.time.LocalDate.of(2025, 1, 2), 1);

        buffer.sort((a, b) -> ((java.time.LocalDate) a).compareTo((java.time.LocalDate) b), KeyPrefix.naturalOrder(true));

        assertThat(buffer.value(0)).isEqualTo(1);
        assertThat(buffer.value(1)).isEqualTo(0);
    }
}
