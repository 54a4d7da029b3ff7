package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.function.SerializableComparator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The Dataset transformations and actions, each against the same computation on a plain list. */
class DatasetOpsTest {
    private static final List<Integer> DATA = data();
    private static final Shared SEEN = Shared.named("DatasetOps.seen");
    private static final Shared PARTITION_SIZES = Shared.named("DatasetOps.partitionSizes");

    @RegisterExtension
    final E2eContext context = new E2eContext();

    private static List<Integer> data() {
        Random random = new Random(99);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            out.add(random.nextInt(2_000) - 1_000);
        }
        return Collections.unmodifiableList(out);
    }

    @BeforeEach
    void clearShared() {
        SEEN.clear();
        PARTITION_SIZES.clear();
    }

    private Dataset<Integer> numbers() {
        return context.sluice().parallelize(DATA, 6);
    }

    @Test
    void mapFilterFlatMapAndMapMultiKeepOrder() {
        assertThat(numbers().map(x -> x * 3 + 1).collect()).isEqualTo(DATA.stream().map(x -> x * 3 + 1).toList());
        assertThat(numbers().filter(x -> x % 7 == 0).collect()).isEqualTo(DATA.stream().filter(x -> x % 7 == 0).toList());
        List<String> expectedFlat = new ArrayList<>();
        DATA.forEach(x -> {
            for (int i = 0; i < Math.floorMod(x, 4); i++) {
                expectedFlat.add(x + "/" + i);
            }
        });
        assertThat(numbers().flatMap(x -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.floorMod(x, 4); i++) {
                out.add(x + "/" + i);
            }
            return out;
        }).collect()).isEqualTo(expectedFlat);
        // flatMap treats null as no records
        assertThat(numbers().flatMap(x -> x > 0 ? List.of(x) : null).collect()).isEqualTo(DATA.stream().filter(x -> x > 0).toList());
        assertThat(numbers().<String>mapMulti((Integer x, Consumer<String> sink) -> {
            for (int i = 0; i < Math.floorMod(x, 4); i++) {
                sink.accept(x + "/" + i);
            }
        }).collect()).isEqualTo(expectedFlat);
        // a map to null elements is allowed
        assertThat(numbers().map(x -> x > 0 ? null : x).filter(x -> x == null).count())
                .isEqualTo(DATA.stream().filter(x -> x > 0).count());
    }

    @Test
    void mapPartitionsAndMapPartitionsWithIndex() {
        // one sum per partition
        List<Long> sums = numbers().mapPartitions(it -> {
            long sum = 0;
            while (it.hasNext()) {
                sum += it.next();
            }
            return List.of(sum).iterator();
        }).collect();
        assertThat(sums).hasSize(6);
        assertThat(sums.stream().mapToLong(Long::longValue).sum()).isEqualTo(DATA.stream().mapToLong(Integer::longValue).sum());

        List<Pair<Integer, Integer>> tagged = numbers().mapPartitionsWithIndex((index, it) -> {
            List<Pair<Integer, Integer>> out = new ArrayList<>();
            it.forEachRemaining(x -> out.add(Pair.of(index, x)));
            return out.iterator();
        }).collect();
        assertThat(tagged.stream().map(Pair::value).toList()).isEqualTo(DATA);
        List<Integer> indices = tagged.stream().map(Pair::key).toList();
        // contiguous slices in partition order, of near-equal sizes
        for (int i = 1; i < indices.size(); i++) {
            assertThat(indices.get(i)).isGreaterThanOrEqualTo(indices.get(i - 1));
        }
        Map<Integer, Long> sizes = indices.stream().collect(Collectors.groupingBy(i -> i, Collectors.counting()));
        assertThat(sizes.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(Collections.max(sizes.values()) - Collections.min(sizes.values())).isLessThanOrEqualTo(1);
        // an index-dependent transformation
        assertThat(numbers().mapPartitionsWithIndex((index, it) -> index % 2 == 0 ? it : Collections.<Integer>emptyIterator())
                .count()).isEqualTo(tagged.stream().filter(p -> p.key() % 2 == 0).count());
    }

    @Test
    void rangesNearTheEndsOfLongAreExact() {
        assertThat(context.sluice().range(Long.MAX_VALUE - 10, Long.MAX_VALUE, 3).collect())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(Long.MAX_VALUE - 10, Long.MAX_VALUE).boxed().toList());
        // Wider than Long.MAX_VALUE: only the partition boundaries are computed, never the records.
        Dataset<Long> widest = context.sluice().range(Long.MIN_VALUE, Long.MAX_VALUE, 4);
        assertThat(widest.take(2)).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE + 1);
        assertThat(context.sluice().range(5, 5, 3).count()).isZero();
        assertThat(context.sluice().range(10, 0, 2).count()).isZero();
    }

    @Test
    void distinctIntPairsIncludingExtremesNullsAndOtherKeys() {
        Random random = new Random(9);
        List<Object> edges = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            edges.add(Pair.of(random.nextInt(120) - 60, random.nextInt(120) - 60));
        }
        edges.add(Pair.of(Integer.MIN_VALUE, Integer.MAX_VALUE)); // packs to the hash table's free-slot marker
        edges.add(Pair.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
        edges.add(Pair.of(1, null));
        edges.add(Pair.of(1, null));
        edges.add(Pair.of(1, 2L)); // equal to no Pair of two Integers
        Set<Object> expected = new HashSet<>(edges);

        List<Object> distinct = context.sluice().parallelize(edges, 3).distinct(2).collect();
        assertThat(distinct).doesNotHaveDuplicates();
        assertThat(new HashSet<>(distinct)).isEqualTo(expected);
    }

    @Test
    void unionAndDistinct() {
        Dataset<Integer> a = context.sluice().parallelize(DATA.subList(0, 3_000), 3);
        Dataset<Integer> b = context.sluice().parallelize(DATA.subList(2_000, 6_000), 4);
        Dataset<Integer> union = a.union(b);
        assertThat(union.numPartitions()).isEqualTo(7);
        List<Integer> expectedUnion = new ArrayList<>(DATA.subList(0, 3_000));
        expectedUnion.addAll(DATA.subList(2_000, 6_000));
        assertThat(union.collect()).isEqualTo(expectedUnion);

        List<Integer> distinct = union.distinct().collect();
        assertThat(distinct).doesNotHaveDuplicates();
        assertThat(new HashSet<>(distinct)).isEqualTo(new HashSet<>(expectedUnion));
        assertThat(union.distinct(2).numPartitions()).isEqualTo(2);
        assertThat(E2e.sortedStrings(union.distinct(2).collect())).isEqualTo(E2e.sortedStrings(new HashSet<>(expectedUnion)));
        // distinct with null elements
        List<String> withNulls = new ArrayList<>(List.of("a", "b", "a"));
        withNulls.add(null);
        withNulls.add(null);
        assertThat(context.sluice().parallelize(withNulls, 3).distinct().collect()).containsExactlyInAnyOrder("a", "b", null);
    }

    @Test
    void sampleIsReproducibleAndRespectsTheFraction() {
        Dataset<Long> big = context.sluice().range(0, 100_000, 8);
        List<Long> first = big.sample(false, 0.1, 42).collect();
        List<Long> again = big.sample(false, 0.1, 42).collect();
        List<Long> other = big.sample(false, 0.1, 43).collect();
        assertThat(first).isEqualTo(again);
        assertThat(first).isNotEqualTo(other);
        // Binomial(100000, 0.1): sd ~ 95, so +-1000 is > 10 sd
        assertThat(first.size()).isBetween(9_000, 11_000);
        assertThat(first).doesNotHaveDuplicates().allMatch(x -> x >= 0 && x < 100_000);
        // sorted within the input order (a sample never reorders)
        assertThat(first).isSorted();
        assertThat(big.sample(false, 0.0, 1).count()).isZero();
        assertThat(big.sample(false, 1.0, 1).count()).isEqualTo(100_000);

        List<Long> withReplacement = big.sample(true, 0.5, 7).collect();
        assertThat(withReplacement).isEqualTo(big.sample(true, 0.5, 7).collect());
        assertThat(withReplacement.size()).isBetween(48_000, 52_000);
        assertThat(withReplacement).allMatch(x -> x >= 0 && x < 100_000);
        assertThat(new HashSet<>(withReplacement).size()).isLessThan(withReplacement.size()); // some drawn twice
        long doubled = big.sample(true, 2.0, 8).count();
        assertThat(doubled).isBetween(196_000L, 204_000L);

        assertThatThrownBy(() -> big.sample(false, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> big.sample(true, -0.1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repartitionAndCoalesce() {
        Dataset<Integer> numbers = numbers();
        for (int n : new int[] {1, 4, 7, 13}) {
            Dataset<Integer> spread = numbers.repartition(n);
            assertThat(spread.numPartitions()).isEqualTo(n);
            assertThat(E2e.sortedStrings(spread.collect())).isEqualTo(E2e.sortedStrings(DATA));
            List<Integer> sizes = spread.mapPartitions(it -> {
                int c = 0;
                for (; it.hasNext(); it.next()) {
                    c++;
                }
                return List.of(c).iterator();
            }).collect();
            // round robin from each of the 6 input partitions: every output within 6 of the mean
            for (int size : sizes) {
                assertThat(size).as("sizes %s", sizes).isBetween(DATA.size() / n - 6, DATA.size() / n + 6);
            }
        }
        Dataset<Integer> fewer = numbers.coalesce(4);
        assertThat(fewer.numPartitions()).isEqualTo(4);
        assertThat(fewer.collect()).isEqualTo(DATA);
        assertThat(numbers.coalesce(1).collect()).isEqualTo(DATA);
        assertThat(numbers.coalesce(20).numPartitions()).isEqualTo(6);
        assertThat(numbers.coalesce(20).collect()).isEqualTo(DATA);
    }

    @Test
    void zipWithIndexNumbersRecordsInOrderAcrossUnevenPartitions() {
        Dataset<Integer> uneven = context.sluice().parallelize(DATA, 9).filter(x -> x > 300 || x < -900);
        List<Integer> expected = DATA.stream().filter(x -> x > 300 || x < -900).toList();
        List<Pair<Integer, Long>> zipped = uneven.zipWithIndex().collect();
        assertThat(zipped).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(zipped.get(i)).isEqualTo(Pair.of(expected.get(i), (long) i));
        }
        // indices 0..n-1 once each, even when read through a shuffle
        List<Long> indices = uneven.zipWithIndex().values().repartition(3).collect();
        assertThat(new LinkedHashSet<>(indices)).hasSize(expected.size());
        assertThat(Collections.max(indices)).isEqualTo(expected.size() - 1L);
        assertThat(context.sluice().parallelize(List.of("x"), 1).zipWithIndex().collect()).containsExactly(Pair.of("x", 0L));
    }

    @Test
    void keyByTopTakeOrderedAndTake() {
        assertThat(numbers().keyBy(x -> x % 10).collect())
                .isEqualTo(DATA.stream().map(x -> Pair.of(x % 10, x)).toList());

        List<Integer> descending = DATA.stream().sorted(Collections.reverseOrder()).toList();
        List<Integer> ascending = DATA.stream().sorted().toList();
        assertThat(numbers().top(15, SerializableComparator.<Integer>naturalOrder())).isEqualTo(descending.subList(0, 15));
        assertThat(numbers().takeOrdered(15, SerializableComparator.<Integer>naturalOrder())).isEqualTo(ascending.subList(0, 15));
        assertThat(numbers().takeOrdered(20_000, SerializableComparator.<Integer>naturalOrder())).isEqualTo(ascending);
        SerializableComparator<Integer> byAbs = (a, b) -> a.equals(b) ? 0
                : Math.abs(a) != Math.abs(b) ? Integer.compare(Math.abs(a), Math.abs(b)) : Integer.compare(a, b);
        List<Integer> byAbsExpected = new ArrayList<>(DATA);
        byAbsExpected.sort(byAbs);
        assertThat(numbers().takeOrdered(30, byAbs)).isEqualTo(byAbsExpected.subList(0, 30));
        assertThat(numbers().top(0, byAbs)).isEmpty();

        assertThat(numbers().take(0)).isEmpty();
        assertThat(numbers().take(1)).containsExactly(DATA.get(0));
        assertThat(numbers().take(5_000)).isEqualTo(DATA.subList(0, 5_000));
        assertThat(numbers().take(50_000)).isEqualTo(DATA);
        // only the last of 40 partitions has records: take has to scan forward
        List<Long> late = context.sluice().range(0, 4_000, 40).filter(x -> x >= 3_950).take(30);
        assertThat(late).isEqualTo(LongStream.range(3_950, 3_980).boxed().toList());
        assertThat(context.sluice().range(0, 4_000, 40).filter(x -> x % 1_000 == 999).take(10))
                .containsExactly(999L, 1_999L, 2_999L, 3_999L);
        assertThat(numbers().first()).isEqualTo(DATA.get(0));
    }

    @Test
    void countByValueReduceFoldAndAggregate() {
        Map<Integer, Long> expected = new HashMap<>();
        DATA.forEach(x -> expected.merge(x % 13, 1L, Long::sum));
        assertThat(numbers().map(x -> x % 13).countByValue()).isEqualTo(expected);
        long sum = DATA.stream().mapToLong(Integer::longValue).sum();
        assertThat(numbers().map(Integer::longValue).reduce(Long::sum)).isEqualTo(sum);
        assertThat(numbers().map(Integer::longValue).fold(0L, Long::sum)).isEqualTo(sum);
        // aggregate with a mutable zero: every partition gets its own copy
        ArrayList<Integer> all = numbers().aggregate(new ArrayList<Integer>(), (list, x) -> {
            list.add(x);
            return list;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
        assertThat(all).isEqualTo(DATA);
        // fold with a mutable zero too
        ArrayList<Integer> folded = numbers().map(x -> new ArrayList<>(List.of(x))).fold(new ArrayList<Integer>(), (a, b) -> {
            a.addAll(b);
            return a;
        });
        assertThat(E2e.sortedStrings(folded)).isEqualTo(E2e.sortedStrings(DATA));
    }

    @Test
    void foreachAndForeachPartitionRunInsideTheTasks() {
        numbers().foreach(x -> SEEN.record(String.valueOf(x)));
        assertThat(E2e.sortedStrings(SEEN.entries())).isEqualTo(E2e.sortedStrings(DATA));

        numbers().foreachPartition(it -> {
            int n = 0;
            int firstValue = Integer.MIN_VALUE;
            while (it.hasNext()) {
                int x = it.next();
                if (n == 0) {
                    firstValue = x;
                }
                n++;
            }
            PARTITION_SIZES.record(firstValue + "=" + n);
        });
        assertThat(PARTITION_SIZES.entries()).hasSize(6);
        assertThat(PARTITION_SIZES.entries().stream().mapToInt(e -> Integer.parseInt(e.substring(e.indexOf('=') + 1))).sum())
                .isEqualTo(DATA.size());

        // on the context's task threads, at most two of them
        THREADS.clear();
        context.sluice().range(0, 64, 16).foreach(x -> THREADS.record(Thread.currentThread().getName()));
        assertThat(THREADS.entries()).isNotEmpty().allMatch(name -> name.startsWith("sluice-task-" + context.sluice().appId()));
        assertThat(Set.copyOf(THREADS.entries())).hasSizeLessThanOrEqualTo(2);
    }

    private static final Shared THREADS = Shared.named("DatasetOps.threads");

    @Test
    void unionOfMappedAndFilteredViewsOfOneSource() {
        Dataset<Integer> source = numbers();
        Dataset<Integer> positives = source.filter(x -> x > 0);
        Dataset<Integer> negated = source.filter(x -> x <= 0).map(x -> -x);
        List<Integer> expected = new ArrayList<>(DATA.stream().filter(x -> x > 0).toList());
        expected.addAll(DATA.stream().filter(x -> x <= 0).map(x -> -x).toList());
        assertThat(positives.union(negated).collect()).isEqualTo(expected);
    }
}
