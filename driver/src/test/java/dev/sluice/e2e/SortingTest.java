package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.function.SerializableComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Global ordering through sampled range partitioning, with skewed and null keys, and ordered output files. */
class SortingTest {
    private static final int N = 100_000;
    private static final int HOT_KEY = 500;
    private static final int PARTITIONS = 8;

    @TempDir
    Path dir;

    @RegisterExtension
    final E2eContext context = new E2eContext();

    /** 90% of the records share {@link #HOT_KEY}; the rest are uniform in [0, 1000). Values are the record index. */
    private static List<Pair<Integer, Integer>> skewed() {
        Random random = new Random(5);
        List<Pair<Integer, Integer>> out = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            out.add(Pair.of(random.nextInt(10) != 0 ? HOT_KEY : random.nextInt(1000), i));
        }
        return out;
    }

    /** Each partition's keys, in partition order. */
    private static <V> List<List<Integer>> keysPerPartition(PairDataset<Integer, V> sorted) {
        List<List<Integer>> parts = new ArrayList<>(sorted.mapPartitionsWithIndex((index, it) -> {
            List<Integer> keys = new ArrayList<>();
            it.forEachRemaining(p -> keys.add(p.key()));
            Iterator<Pair<Integer, List<Integer>>> one = List.of(Pair.of(index, keys)).iterator();
            return one;
        }).collect()).stream().map(Pair::value).toList();
        return parts;
    }

    private static void assertBalanced(List<List<Integer>> parts, long hotCount) {
        int total = parts.stream().mapToInt(List::size).sum();
        long rest = total - hotCount;
        double fairShare = (double) rest / (parts.size() - 1);
        List<Integer> sizes = parts.stream().map(List::size).toList();
        // the hot key forces one partition of hotCount records; beyond that no partition may hold more than
        // about two fair shares of the other records ...
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0))
                .as("largest partition of %s", sizes).isLessThanOrEqualTo((int) (hotCount + 2 * fairShare));
        // ... and the other records must not be crammed into a few partitions while the rest stay (nearly) empty
        long nearlyEmpty = sizes.stream().filter(s -> s < fairShare / 4).count();
        assertThat(nearlyEmpty).as("nearly empty partitions of %s (fair share %.0f)", sizes, fairShare).isLessThanOrEqualTo(1);
    }

    @Test
    void sortByKeyAscendingWithHeavySkewIsGloballyOrderedAndBalanced() {
        List<Pair<Integer, Integer>> data = skewed();
        long hot = data.stream().filter(p -> p.key() == HOT_KEY).count();
        PairDataset<Integer, Integer> sorted = context.sluice().parallelize(data, 6).mapToPair(p -> p)
                .sortByKey(SerializableComparator.<Integer>naturalOrder(), true, PARTITIONS);
        assertThat(sorted.numPartitions()).isEqualTo(PARTITIONS);

        List<Integer> expectedKeys = new ArrayList<>(data.stream().map(Pair::key).toList());
        Collections.sort(expectedKeys);
        List<List<Integer>> parts = keysPerPartition(sorted);
        assertThat(parts).hasSize(PARTITIONS);
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(expectedKeys);
        List<Pair<Integer, Integer>> collected = sorted.collect();
        assertThat(collected.stream().map(Pair::key).toList()).isEqualTo(expectedKeys);
        assertThat(E2e.sortedStrings(collected)).isEqualTo(E2e.sortedStrings(data));
        assertBalanced(parts, hot);
    }

    @Test
    void sortByKeyDescendingWithHeavySkewIsGloballyOrderedAndBalanced() {
        List<Pair<Integer, Integer>> data = skewed();
        long hot = data.stream().filter(p -> p.key() == HOT_KEY).count();
        PairDataset<Integer, Integer> sorted = context.sluice().parallelize(data, 6).mapToPair(p -> p)
                .sortByKey(SerializableComparator.<Integer>naturalOrder(), false, PARTITIONS);

        List<Integer> expectedKeys = new ArrayList<>(data.stream().map(Pair::key).toList());
        expectedKeys.sort(Comparator.reverseOrder());
        List<List<Integer>> parts = keysPerPartition(sorted);
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(expectedKeys);
        assertThat(E2e.sortedStrings(sorted.collect())).isEqualTo(E2e.sortedStrings(data));
        assertBalanced(parts, hot);
    }

    @Test
    void sortByKeyOfUniformKeysGivesEvenPartitions() {
        Random random = new Random(9);
        List<Pair<Integer, String>> data = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            data.add(Pair.of(random.nextInt(), "v" + i));
        }
        PairDataset<Integer, String> sorted = context.sluice().parallelize(data, 4).mapToPair(p -> p).sortByKey(
                SerializableComparator.<Integer>naturalOrder(), true, 5);
        List<List<Integer>> parts = keysPerPartition(sorted);
        List<Integer> expected = new ArrayList<>(data.stream().map(Pair::key).toList());
        Collections.sort(expected);
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(expected);
        for (List<Integer> part : parts) {
            assertThat(part.size()).as("partition sizes %s", parts.stream().map(List::size).toList())
                    .isBetween(10_000 / 2, 10_000 * 2);
        }
        // sortByKey() with the default ordering and partition count
        assertThat(context.sluice().parallelize(data, 4).mapToPair(p -> p).sortByKey().keys().collect()).isEqualTo(expected);
        List<Integer> descending = new ArrayList<>(expected);
        Collections.reverse(descending);
        assertThat(context.sluice().parallelize(data, 4).mapToPair(p -> p).sortByKey(false).keys().collect())
                .isEqualTo(descending);
    }

    @Test
    void sortByWithAComparator() {
        Random random = new Random(13);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder w = new StringBuilder();
            int len = 1 + random.nextInt(8);
            for (int c = 0; c < len; c++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words.add(w.toString());
        }
        // by length, longest first, then alphabetically: a total order on distinct strings
        SerializableComparator<String> byLengthThenAlpha = (a, b) -> a.length() != b.length()
                ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        List<String> expected = new ArrayList<>(words);
        expected.sort(byLengthThenAlpha.reversed());

        Dataset<String> sorted = context.sluice().parallelize(words, 3).sortBy(w -> w, byLengthThenAlpha, false, 4);
        assertThat(sorted.numPartitions()).isEqualTo(4);
        assertThat(sorted.collect()).isEqualTo(expected);

        List<String> natural = new ArrayList<>(words);
        Collections.sort(natural);
        assertThat(context.sluice().parallelize(words, 3).sortBy(w -> w).collect()).isEqualTo(natural);
        // sortBy on a derived key keeps every record
        List<Integer> lengths = context.sluice().parallelize(words, 3).sortBy(String::length,
                SerializableComparator.<Integer>naturalOrder(), true).map(String::length).collect();
        List<Integer> expectedLengths = new ArrayList<>(words.stream().map(String::length).toList());
        Collections.sort(expectedLengths);
        assertThat(lengths).isEqualTo(expectedLengths);
    }

    @Test
    void nullKeysSortFirstAscendingAndLastDescending() {
        Random random = new Random(17);
        List<Pair<Integer, Integer>> data = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            data.add(Pair.of(random.nextInt(7) == 0 ? null : random.nextInt(200), i));
        }
        List<Integer> ascending = new ArrayList<>(data.stream().map(Pair::key).toList());
        ascending.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        List<Integer> descending = new ArrayList<>(data.stream().map(Pair::key).toList());
        descending.sort(Comparator.nullsLast(Comparator.<Integer>reverseOrder()));

        PairDataset<Integer, Integer> pairs = context.sluice().parallelize(data, 4).mapToPair(p -> p);
        assertThat(pairs.sortByKey(SerializableComparator.<Integer>naturalOrder(), true, 3).keys().collect())
                .isEqualTo(ascending);
        assertThat(pairs.sortByKey(SerializableComparator.<Integer>naturalOrder(), false, 3).keys().collect())
                .isEqualTo(descending);
        assertThat(E2e.sortedStrings(pairs.sortByKey().collect())).isEqualTo(E2e.sortedStrings(data));
    }

    @Test
    void savedSortedDatasetReadsBackInOrder() throws Exception {
        Random random = new Random(23);
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            numbers.add(random.nextInt(1_000_000));
        }
        Path out = dir.resolve("sorted");
        Dataset<Integer> sorted = context.sluice().parallelize(numbers, 5).sortBy(x -> x);
        sorted.saveAsTextFile(out.toString());

        List<String> names = E2e.namesIn(out);
        assertThat(names).contains("_SUCCESS");
        assertThat(names.stream().filter(n -> n.startsWith("part-"))).hasSize(5);
        List<Integer> expected = new ArrayList<>(numbers);
        Collections.sort(expected);
        assertThat(E2e.readParts(out).stream().map(Integer::valueOf).toList()).isEqualTo(expected);
        assertThat(Files.readAllLines(out.resolve("_SUCCESS"))).isEmpty();
        // and read back through textFile, the part files in order
        assertThat(context.sluice().textFile(out.toString()).map(Integer::valueOf).collect()).isEqualTo(expected);
    }
}
