package dev.sluice.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serial.JavaSerialization;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializableComparatorTest {

    private static final List<String> WORDS = List.of("pear", "fig", "banana", "kiwi", "apple", "date", "Fig");

    private static <T> List<T> sorted(List<T> values, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(values);
        copy.sort(order);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T> SerializableComparator<T> roundTrip(SerializableComparator<T> comparator) {
        byte[] bytes = JavaSerialization.serialize(comparator);
        return JavaSerialization.deserialize(bytes, SerializableComparatorTest.class.getClassLoader());
    }

    @Test
    void naturalOrder() {
        SerializableComparator<String> order = SerializableComparator.naturalOrder();

        assertThat(sorted(WORDS, order)).containsExactly("Fig", "apple", "banana", "date", "fig", "kiwi", "pear");
        assertThat(order.compare("a", "a")).isZero();
        assertThat(sorted(WORDS, roundTrip(order))).isEqualTo(sorted(WORDS, order));
    }

    @Test
    void reverseOrder() {
        SerializableComparator<Integer> order = SerializableComparator.reverseOrder();

        assertThat(sorted(List.of(3, -1, 7, 0, 7), order)).containsExactly(7, 7, 3, 0, -1);
        assertThat(order.compare(5, 5)).isZero();
        assertThat(sorted(List.of(3, -1, 7, 0, 7), roundTrip(order))).containsExactly(7, 7, 3, 0, -1);
    }

    @Test
    void comparingByAnExtractedKey() {
        SerializableComparator<String> byLength = SerializableComparator.comparing(String::length);

        assertThat(byLength.compare("abc", "xyz")).isZero();
        assertThat(byLength.compare("ab", "xyz")).isNegative();
        assertThat(byLength.compare("abcd", "xyz")).isPositive();
        // a stable sort keeps ties in input order
        assertThat(sorted(WORDS, byLength)).containsExactly("fig", "Fig", "pear", "kiwi", "date", "apple", "banana");
        assertThat(sorted(WORDS, roundTrip(byLength))).isEqualTo(sorted(WORDS, byLength));
    }

    @Test
    void comparingWithACapturingKeyFunction() {
        int pivot = 10;
        SerializableComparator<Integer> byDistance = SerializableComparator.comparing(x -> Math.abs(x - pivot));

        assertThat(sorted(List.of(1, 25, 10, 12, 7), byDistance)).containsExactly(10, 12, 7, 1, 25);
        assertThat(sorted(List.of(1, 25, 10, 12, 7), roundTrip(byDistance))).containsExactly(10, 12, 7, 1, 25);
    }

    @Test
    void reversed() {
        SerializableComparator<String> byLength = SerializableComparator.comparing(String::length);
        SerializableComparator<String> longestFirst = byLength.reversed();

        assertThat(longestFirst.compare("abcd", "xyz")).isNegative();
        assertThat(longestFirst.compare("abc", "xyz")).isZero();
        assertThat(sorted(WORDS, longestFirst)).containsExactly("banana", "apple", "pear", "kiwi", "date", "fig", "Fig");
        assertThat(sorted(WORDS, longestFirst.reversed())).isEqualTo(sorted(WORDS, byLength));
        assertThat(sorted(WORDS, roundTrip(longestFirst))).isEqualTo(sorted(WORDS, longestFirst));
    }

    @Test
    void reversedThroughTheComparatorTypeIsStillSerializable() {
        Comparator<Integer> plainView = SerializableComparator.<Integer>naturalOrder();

        Comparator<Integer> reversed = plainView.reversed();

        assertThat(reversed).isInstanceOf(SerializableComparator.class).isInstanceOf(Serializable.class);
        assertThat(sorted(List.of(1, 3, 2), roundTrip((SerializableComparator<Integer>) reversed)))
                .containsExactly(3, 2, 1);
    }

    @Test
    void thenComparingBreaksTiesOnly() {
        SerializableComparator<String> byLength = SerializableComparator.comparing(String::length);
        SerializableComparator<String> byLengthThenAlpha = byLength.thenComparing(SerializableComparator.naturalOrder());

        assertThat(sorted(WORDS, byLengthThenAlpha)).containsExactly("Fig", "fig", "date", "kiwi", "pear", "apple", "banana");
        assertThat(byLengthThenAlpha.compare("zz", "aaa")).isNegative();
        assertThat(byLengthThenAlpha.compare("kiwi", "kiwi")).isZero();
        assertThat(sorted(WORDS, roundTrip(byLengthThenAlpha))).isEqualTo(sorted(WORDS, byLengthThenAlpha));
    }

    @Test
    void composedComparatorsSurviveSerialization() {
        SerializableComparator<String> composed = SerializableComparator.<String, Integer>comparing(String::length)
                .reversed()
                .thenComparing(SerializableComparator.<String>reverseOrder())
                .thenComparing(SerializableComparator.naturalOrder());

        SerializableComparator<String> copy = roundTrip(composed);

        assertThat(sorted(WORDS, composed)).containsExactly("banana", "apple", "pear", "kiwi", "date", "fig", "Fig");
        assertThat(sorted(WORDS, copy)).isEqualTo(sorted(WORDS, composed));
        assertThat(roundTrip(copy).compare("kiwi", "pear")).isEqualTo(composed.compare("kiwi", "pear")).isPositive();
    }

    @Test
    void aUserLambdaIsSerializableWithoutCasts() {
        SerializableComparator<int[]> byFirst = (a, b) -> Integer.compare(a[0], b[0]);

        SerializableComparator<int[]> copy = roundTrip(byFirst.reversed());

        assertThat(copy.compare(new int[] {1}, new int[] {2})).isPositive();
    }
}
