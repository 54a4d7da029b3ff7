package dev.sluice.shuffle.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SizeEstimatorTest {

    record Person(String name, int age, List<String> tags) {}

    record Wrapper(Object inner) {}

    enum Color { RED }

    static final class Link {
        Link next;
        long payload;
    }

    @Test
    void primitivesAndStringsHaveExactSizes() {
        assertThat(SizeEstimator.estimate(null)).isZero();
        assertThat(SizeEstimator.estimate(7)).isEqualTo(16);
        assertThat(SizeEstimator.estimate(7L)).isEqualTo(24);
        assertThat(SizeEstimator.estimate("")).isEqualTo(24 + 16);
        assertThat(SizeEstimator.estimate("abcdefghi")).isEqualTo(24 + 32);
        assertThat(SizeEstimator.estimate("\u4e2d\u6587")).isEqualTo(24 + 24);
        assertThat(SizeEstimator.estimate(new long[10])).isEqualTo(16 + 80);
        assertThat(SizeEstimator.estimate(new Object[3])).isEqualTo(32);
    }

    @Test
    void biggerGraphsEstimateBigger() {
        assertThat(SizeEstimator.estimate(strings(1000))).isGreaterThan(SizeEstimator.estimate(strings(10)));
        assertThat(SizeEstimator.estimate(new Person("ann", 30, strings(100))))
                .isGreaterThan(SizeEstimator.estimate(new Person("ann", 30, List.of())));
        assertThat(SizeEstimator.estimate(mapOf(500))).isGreaterThan(SizeEstimator.estimate(mapOf(5)));
        assertThat(SizeEstimator.estimate(List.copyOf(strings(200))))
                .isGreaterThan(SizeEstimator.estimate(List.of("x")));
        assertThat(SizeEstimator.estimate(Optional.of(strings(50)))).isGreaterThan(SizeEstimator.estimate(Optional.empty()));
    }

    @Test
    void sharedObjectsAreCountedOnce() {
        String big = "x".repeat(10_000);

        long shared = SizeEstimator.estimate(new Object[] {big, big});
        long distinct = SizeEstimator.estimate(new Object[] {big, "y".repeat(10_000)});

        assertThat(shared).isLessThan(distinct);
    }

    @Test
    void cyclesAndLongChainsTerminate() {
        Link head = new Link();
        Link current = head;
        for (int i = 0; i < 100_000; i++) {
            current.next = new Link();
            current = current.next;
        }
        current.next = head;

        assertThat(SizeEstimator.estimate(head)).isEqualTo(100_001L * 24);
    }

    @Test
    void largeArraysAreSampledAccurately() {
        Object[] array = IntStream.range(0, 100_000).mapToObj(i -> String.format("%09d", i)).toArray();
        long exact = 16 + 4L * array.length + array.length * (24L + 32);

        assertThat((double) SizeEstimator.estimate(array)).isCloseTo(exact, within(exact * 0.05));
    }

    @Test
    void jdkCollectionsAreEstimatedThroughTheirApi() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(i + 1000);
        }

        long estimate = SizeEstimator.estimate(list);

        assertThat(estimate).isBetween(1000L * (16 + 4), 1000L * (16 + 4) * 2);
    }

    @Test
    void neverThrowsOnJdkTypes() {
        List<Supplier<Object>> objects = List.of(
                Thread::currentThread,
                () -> SizeEstimatorTest.class.getClassLoader(),
                () -> new BigDecimal("1.5"),
                () -> LocalDate.of(2020, 1, 1),
                () -> new ConcurrentHashMap<>(Map.of(1, "a")),
                () -> new TreeMap<>(Map.of(1, "a")),
                () -> new LinkedList<>(strings(1000)),
                () -> Collections.unmodifiableList(strings(3)),
                () -> new AtomicLong(3),
                () -> new StringBuilder("abc"),
                () -> Pattern.compile("a+b"),
                () -> (Runnable) () -> {},
                () -> new Wrapper(Map.of("k", List.of(1, 2))),
                () -> new Wrapper(Optional.of(Map.entry("k", "v"))),
                () -> Map.of(1, 2).entrySet().iterator().next(),
                Object::new);

        for (Supplier<Object> object : objects) {
            assertThatCode(() -> assertThat(SizeEstimator.estimate(object.get())).isPositive())
                    .as("estimate of %s", object.get().getClass())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void classesAndEnumConstantsAreShared() {
        assertThat(SizeEstimator.estimate(String.class)).isZero();
        assertThat(SizeEstimator.estimate(Color.RED)).isZero();
        assertThat(SizeEstimator.estimate(new Wrapper(Color.RED))).isEqualTo(16);
    }

    private static List<String> strings(int count) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            strings.add("string-" + i);
        }
        return strings;
    }

    private static Map<Integer, String> mapOf(int count) {
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(i, "v" + i);
        }
        return map;
    }
}
