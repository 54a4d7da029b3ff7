package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.Dataset;
import dev.sluice.JobFailedException;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.storage.StorageLevel;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Records of many shapes through shuffles, sorts and serialized caches: user records and classes
 * without a no-argument constructor, JDK immutable collections, Optionals, enums, dates, arrays.
 */
class RecordTypesTest {
    /** A Java record. */
    record Point(int x, int y) implements Serializable {
    }

    enum Colour { RED, GREEN, BLUE }

    /** A plain class with final fields and no no-argument constructor. */
    static final class Word implements Serializable {
        private final String text;
        private final int length;

        Word(String text) {
            this.text = text;
            this.length = text.length();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Word w && w.text.equals(text) && w.length == length;
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "Word(" + text + "," + length + ")";
        }
    }

    /** Values of many types (not all Java-serializable: they are made inside the tasks), keyed by position. */
    private static List<Pair<Integer, Object>> values() {
        List<Pair<Integer, Object>> out = new ArrayList<>();
        for (int i = 0; i < VALUE_COUNT; i++) {
            out.add(Pair.of(i, valueAt(i)));
        }
        return out;
    }

    private static final int VALUE_COUNT = 23;

    /** The same source made in the tasks. */
    private static PairDataset<Integer, Object> valuesDataset(Sluice sluice, int partitions) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < VALUE_COUNT; i++) {
            indices.add(i);
        }
        return sluice.parallelize(indices, partitions).mapToPair(i -> Pair.of(i, valueAt(i)));
    }

    private static Object valueAt(int index) {
        List<Object> values = new ArrayList<>(List.of(
                new Point(1, 2), Colour.GREEN, new Word("sluice"), List.of(1, 2, 3), List.of(), Set.of("a"),
                Map.of("k", 1, "l", 2), Arrays.asList("x", null), Collections.unmodifiableList(new ArrayList<>(List.of(4, 5))),
                Collections.unmodifiableMap(new TreeMap<>(Map.of("m", 1))), Optional.of("present"), Optional.empty(),
                LocalDate.of(2024, 2, 29), new BigDecimal("12345.6789"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Pair.of("nested", Pair.of(1, List.of(2))), new TreeMap<>(Map.of(3, "c", 1, "a")), "plain",
                Collections.singletonList(9), Collections.emptyMap(),
                Collections.synchronizedList(new ArrayList<>(List.of(6))), Collections.nCopies(2, "n"),
                Collections.unmodifiableSortedSet(new java.util.TreeSet<>(Set.of(8, 7)))));
        assertThat(values).hasSize(VALUE_COUNT);
        return values.get(index);
    }

    @Test
    void valuesOfManyTypesSurviveAShuffle() {
        List<Pair<Integer, Object>> values = values();
        try (Sluice sluice = E2e.local2()) {
            PairDataset<Integer, Object> pairs = valuesDataset(sluice, 3);
            Map<Integer, List<Object>> grouped = pairs.groupByKey(4).collectAsMap();
            assertThat(grouped).hasSize(values.size());
            for (Pair<Integer, Object> p : values) {
                assertThat(grouped.get(p.key())).as("value %s", p.value()).containsExactly(p.value());
            }
            List<Pair<Integer, Object>> sorted = pairs.sortByKey().collect();
            assertThat(sorted).isEqualTo(values);
            assertThat(pairs.partitionBy(new dev.sluice.partition.HashPartitioner(5)).collectAsMap())
                    .isEqualTo(new TreeMap<>(toMap(values)));
        }
    }

    private static Map<Integer, Object> toMap(List<Pair<Integer, Object>> pairs) {
        Map<Integer, Object> map = new TreeMap<>();
        pairs.forEach(p -> map.put(p.key(), p.value()));
        return map;
    }

    @Test
    void valuesOfManyTypesSurviveSerializedCaches() {
        List<Pair<Integer, Object>> values = values();
        try (Sluice sluice = E2e.local2()) {
            for (StorageLevel level : StorageLevel.values()) {
                Dataset<Pair<Integer, Object>> cached = valuesDataset(sluice, 2).persist(level);
                assertThat(cached.collect()).as("first read at %s", level).isEqualTo(values);
                assertThat(cached.collect()).as("cached read at %s", level).isEqualTo(values);
            }
        }
    }

    @Test
    void userTypesAsKeys() {
        List<Pair<Point, Word>> pairs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            pairs.add(Pair.of(new Point(i % 7, i % 3), new Word("w" + (i % 11))));
        }
        Map<Point, Long> expected = new TreeMap<>((a, b) -> a.x() != b.x() ? Integer.compare(a.x(), b.x()) : Integer.compare(a.y(), b.y()));
        pairs.forEach(p -> expected.merge(p.key(), (long) p.value().length, Long::sum));
        try (Sluice sluice = E2e.local2()) {
            Map<Point, Long> actual = sluice.parallelize(pairs, 4).mapToPair(p -> p)
                    .mapValues(w -> (long) w.length).reduceByKey(Long::sum, 3).collectAsMap();
            assertThat(actual).isEqualTo(expected);
            List<Word> distinct = sluice.parallelize(pairs, 4).map(Pair::value).distinct().collect();
            assertThat(E2e.sortedStrings(distinct)).isEqualTo(E2e.sortedStrings(pairs.stream().map(Pair::value).distinct().toList()));
            List<Colour> colours = sluice.parallelize(List.of(Colour.BLUE, Colour.RED, Colour.GREEN, Colour.RED), 2)
                    .sortBy(c -> c).collect();
            assertThat(colours).containsExactly(Colour.RED, Colour.RED, Colour.GREEN, Colour.BLUE);
        }
    }

    @Test
    void outerJoinOutputGoesThroughAnotherShuffle() {
        try (Sluice sluice = E2e.local2()) {
            PairDataset<String, Integer> left = sluice.parallelize(List.of(Pair.of("a", 1), Pair.of("b", 2)), 2).mapToPair(p -> p);
            PairDataset<String, Integer> right = sluice.parallelize(List.of(Pair.of("a", 10), Pair.of("c", 30)), 2).mapToPair(p -> p);
            Map<String, List<Pair<Optional<Integer>, Optional<Integer>>>> regrouped =
                    left.fullOuterJoin(right).groupByKey(3).collectAsMap();
            assertThat(regrouped).isEqualTo(Map.of(
                    "a", List.of(Pair.of(Optional.of(1), Optional.of(10))),
                    "b", List.of(Pair.of(Optional.of(2), Optional.empty())),
                    "c", List.of(Pair.of(Optional.empty(), Optional.of(30)))));
        }
    }

    @Test
    void registrationRequiredRejectsUnregisteredClassesAndAcceptsRegisteredOnes() {
        try (Sluice strict = E2e.local2("sluice.serializer.registrationRequired", "true")) {
            Dataset<Pair<Point, Integer>> points = strict.parallelize(List.of(new Point(1, 1), new Point(2, 2)), 2)
                    .map(p -> Pair.of(p, 1));
            Throwable failure = catchThrowable(() -> points.mapToPair(p -> p).reduceByKey(Integer::sum, 2).collect());
            assertThat(failure).isInstanceOf(JobFailedException.class);
            assertThat(rootMessages(failure)).contains(Point.class.getName()).contains("sluice.serializer.classes");
        }
        try (Sluice registered = E2e.local2("sluice.serializer.registrationRequired", "true",
                "sluice.serializer.classes", Point.class.getName())) {
            Map<Point, Integer> counts = registered.parallelize(List.of(new Point(1, 1), new Point(2, 2), new Point(1, 1)), 2)
                    .mapToPair(p -> Pair.of(p, 1)).reduceByKey(Integer::sum, 2).collectAsMap();
            assertThat(counts).isEqualTo(Map.of(new Point(1, 1), 2, new Point(2, 2), 1));
        }
        assertThat(catchThrowable(() -> E2e.local2("sluice.serializer.classes", "com.example.NoSuchClass")))
                .hasMessageContaining("com.example.NoSuchClass");
    }

    private static String rootMessages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void nullsEverywhere() {
        List<Pair<String, String>> pairs = new ArrayList<>();
        pairs.add(Pair.of(null, null));
        pairs.add(Pair.of(null, "v"));
        pairs.add(Pair.of("k", null));
        pairs.add(Pair.of("k", "w"));
        try (Sluice sluice = E2e.local2()) {
            PairDataset<String, String> ds = sluice.parallelize(pairs, 2).mapToPair(p -> p);
            Map<String, List<String>> grouped = ds.groupByKey(2).collectAsMap();
            assertThat(grouped).hasSize(2);
            assertThat(E2e.sortedStrings(grouped.get(null))).containsExactly("null", "v");
            assertThat(E2e.sortedStrings(grouped.get("k"))).containsExactly("null", "w");
            Map<String, Long> expectedCounts = new java.util.HashMap<>();
            expectedCounts.put("k", 2L);
            expectedCounts.put(null, 2L);
            assertThat(ds.countByKey()).isEqualTo(expectedCounts);
            assertThat(ds.persist(StorageLevel.MEMORY_ONLY_SER).collect()).isEqualTo(pairs);
            assertThat(ds.collect()).isEqualTo(pairs);
            assertThat(Objects.requireNonNull(ds.values().distinct().collect())).containsExactlyInAnyOrder(null, "v", "w");
        }
    }
}
