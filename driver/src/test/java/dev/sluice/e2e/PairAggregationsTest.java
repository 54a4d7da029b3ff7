package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.partition.Partitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/** By-key aggregations and per-value transformations, against plain Java maps over the same pairs. */
class PairAggregationsTest {
    /** 20,000 pairs over 150 keys (and the null key), values in [-500, 500). */
    private static final List<Pair<String, Integer>> DATA = data();
    private static final Shared LOOKUP_READS = Shared.named("PairAggregations.lookupReads");

    @RegisterExtension
    final E2eContext context = new E2eContext();

    private static List<Pair<String, Integer>> data() {
        Random random = new Random(42);
        List<Pair<String, Integer>> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String key = random.nextInt(100) == 0 ? null : "key-" + random.nextInt(150);
            out.add(Pair.of(key, random.nextInt(1000) - 500));
        }
        return out;
    }

    private PairDataset<String, Integer> pairs() {
        return context.sluice().parallelizePairs(DATA, 5);
    }

    private static Map<String, List<Integer>> expectedGroups() {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (Pair<String, Integer> p : DATA) {
            groups.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value());
        }
        groups.values().forEach(Collections::sort);
        return groups;
    }

    private static Map<String, Long> expectedSums() {
        Map<String, Long> sums = new HashMap<>();
        for (Pair<String, Integer> p : DATA) {
            sums.merge(p.key(), (long) p.value(), Long::sum);
        }
        return sums;
    }

    private static <K, V> Map<K, V> toMap(List<Pair<K, V>> pairs) {
        Map<K, V> map = new HashMap<>();
        for (Pair<K, V> p : pairs) {
            assertThat(map.containsKey(p.key())).as("key %s appears once", p.key()).isFalse();
            map.put(p.key(), p.value());
        }
        return map;
    }

    @Test
    void reduceByKeySumsEveryKeyIncludingNull() {
        Map<String, Long> expected = expectedSums();
        assertThat(expected).containsKey(null);
        PairDataset<String, Long> longs = pairs().mapValues(v -> (long) v);
        assertThat(toMap(longs.reduceByKey(Long::sum).collect())).isEqualTo(expected);
        assertThat(toMap(longs.reduceByKey(Long::sum, 1).collect())).isEqualTo(expected);
        assertThat(toMap(longs.reduceByKey(Long::sum, 13).collect())).isEqualTo(expected);
        assertThat(longs.reduceByKey(Long::sum, 13).numPartitions()).isEqualTo(13);
        assertThat(toMap(longs.reduceByKey(Long::sum, new HashPartitioner(3)).collect())).isEqualTo(expected);
        // a non-commutative-looking but associative op: max
        Map<String, Integer> max = new HashMap<>();
        DATA.forEach(p -> max.merge(p.key(), p.value(), Math::max));
        assertThat(toMap(pairs().reduceByKey(Math::max, 4).collect())).isEqualTo(max);
    }

    @Test
    void reduceByKeyWithDoubleSumGivesWhatTheSameLambdaGives() {
        // eighths add up exactly in any order, so the sums compare equal whatever path folds them
        PairDataset<String, Double> doubles = pairs().mapValues(v -> v / 8.0);
        Map<String, Double> byLambda = toMap(doubles.reduceByKey((a, b) -> a + b, 3).collect());
        assertThat(toMap(doubles.reduceByKey(Double::sum, 3).collect())).isEqualTo(byLambda);
        // already partitioned: aggregated without a shuffle
        PairDataset<String, Double> partitioned = doubles.partitionBy(new HashPartitioner(3));
        assertThat(toMap(partitioned.reduceByKey(Double::sum, new HashPartitioner(3)).collect())).isEqualTo(byLambda);
    }

    @Test
    void foldByKeyWithANeutralZero() {
        Map<String, Long> expected = expectedSums();
        PairDataset<String, Long> longs = pairs().mapValues(v -> (long) v);
        assertThat(toMap(longs.foldByKey(0L, Long::sum).collect())).isEqualTo(expected);
        assertThat(toMap(longs.foldByKey(0L, Long::sum, 7).collect())).isEqualTo(expected);
    }

    @Test
    void aggregateByKeyWithAMutableZeroNeverSharesItBetweenKeys() {
        Map<String, List<Integer>> expected = expectedGroups();
        PairDataset<String, ArrayList<Integer>> lists = pairs().aggregateByKey(new ArrayList<Integer>(),
                (list, v) -> {
                    list.add(v);
                    return list;
                },
                (a, b) -> {
                    a.addAll(b);
                    return a;
                }, 6);
        Map<String, List<Integer>> actual = new HashMap<>();
        for (Pair<String, ArrayList<Integer>> p : lists.collect()) {
            List<Integer> sorted = new ArrayList<>(p.value());
            Collections.sort(sorted);
            actual.put(p.key(), sorted);
        }
        assertThat(actual).isEqualTo(expected);
        // the default partition count too, and a distinct-values set as zero
        Map<String, Set<Integer>> distinct = new HashMap<>();
        DATA.forEach(p -> distinct.computeIfAbsent(p.key(), k -> new HashSet<>()).add(p.value()));
        Map<String, HashSet<Integer>> sets = toMap(pairs().aggregateByKey(new HashSet<Integer>(),
                (set, v) -> {
                    set.add(v);
                    return set;
                },
                (a, b) -> {
                    a.addAll(b);
                    return a;
                }).collect());
        assertThat(sets).isEqualTo(distinct);
    }

    @Test
    void combineByKeyComputesSumAndCountPerKey() {
        Map<String, long[]> expected = new HashMap<>();
        DATA.forEach(p -> {
            long[] acc = expected.computeIfAbsent(p.key(), k -> new long[2]);
            acc[0] += p.value();
            acc[1]++;
        });
        Map<String, List<Long>> expectedLists = new HashMap<>();
        expected.forEach((k, v) -> expectedLists.put(k, List.of(v[0], v[1])));

        PairDataset<String, long[]> combined = pairs().combineByKey(
                v -> new long[] {v, 1},
                (acc, v) -> {
                    acc[0] += v;
                    acc[1]++;
                    return acc;
                },
                (a, b) -> {
                    a[0] += b[0];
                    a[1] += b[1];
                    return a;
                });
        Map<String, List<Long>> actual = new HashMap<>();
        combined.collect().forEach(p -> actual.put(p.key(), List.of(p.value()[0], p.value()[1])));
        assertThat(actual).isEqualTo(expectedLists);
        assertThat(combined.mapValues(a -> a[1]).values().reduce(Long::sum)).isEqualTo(DATA.size());
    }

    @Test
    void groupByKeyCollectsAllValuesIncludingNullValues() {
        List<Pair<String, Integer>> withNulls = new ArrayList<>(DATA.subList(0, 2_000));
        withNulls.add(Pair.of("key-1", null));
        withNulls.add(Pair.of(null, null));
        Map<String, List<Integer>> expected = new HashMap<>();
        withNulls.forEach(p -> expected.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value()));
        expected.values().forEach(l -> l.sort(Comparator.nullsFirst(Comparator.naturalOrder())));

        for (PairDataset<String, List<Integer>> grouped : List.of(
                context.sluice().parallelize(withNulls, 4).mapToPair(p -> p).groupByKey(),
                context.sluice().parallelize(withNulls, 4).mapToPair(p -> p).groupByKey(9))) {
            Map<String, List<Integer>> actual = new HashMap<>();
            for (Pair<String, List<Integer>> p : grouped.collect()) {
                List<Integer> values = new ArrayList<>(p.value());
                values.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
                assertThat(actual.put(p.key(), values)).isNull();
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void countByKeyAndCollectAsMap() {
        Map<String, Long> counts = new HashMap<>();
        DATA.forEach(p -> counts.merge(p.key(), 1L, Long::sum));
        assertThat(pairs().countByKey()).isEqualTo(counts);
        assertThat(pairs().mapValues(v -> (long) v).reduceByKey(Long::sum).collectAsMap()).isEqualTo(expectedSums());
        Map<String, Integer> unique = new HashMap<>();
        unique.put("a", 1);
        unique.put(null, 2);
        unique.put("c", null);
        List<Pair<String, Integer>> uniquePairs = new ArrayList<>();
        unique.forEach((k, v) -> uniquePairs.add(Pair.of(k, v)));
        assertThat(context.sluice().parallelize(uniquePairs, 2).mapToPair(p -> p).collectAsMap()).isEqualTo(unique);
    }

    @Test
    void lookupWithAndWithoutAKnownPartitioner() {
        Map<String, List<Integer>> groups = expectedGroups();
        // without a partitioner: scans everything
        PairDataset<String, Integer> unpartitioned = pairs();
        assertThat(unpartitioned.node().partitioner()).isEmpty();
        for (String key : new String[] {"key-7", "key-149", null, "absent"}) {
            List<Integer> values = new ArrayList<>(unpartitioned.lookup(key));
            Collections.sort(values);
            assertThat(values).as("lookup(%s)", key).isEqualTo(groups.getOrDefault(key, List.of()));
        }
        // with a partitioner: reads the key's partition only
        HashPartitioner partitioner = new HashPartitioner(8);
        PairDataset<String, Long> sums = pairs().mapValues(v -> (long) v).reduceByKey(Long::sum, partitioner)
                .mapValues(v -> {
                    LOOKUP_READS.increment();
                    return v;
                });
        Map<String, Long> expectedSums = expectedSums();
        for (String key : new String[] {"key-7", "key-149", null, "absent"}) {
            LOOKUP_READS.clear();
            List<Long> found = sums.lookup(key);
            assertThat(found).as("lookup(%s)", key)
                    .isEqualTo(expectedSums.containsKey(key) ? List.of(expectedSums.get(key)) : List.of());
            int partition = partitioner.partition(key);
            long keysInPartition = expectedSums.keySet().stream().filter(k -> partitioner.partition(k) == partition).count();
            assertThat(LOOKUP_READS.get()).as("records read by lookup(%s)", key).isEqualTo((int) keysInPartition);
        }
    }

    @Test
    void mapValuesFlatMapValuesKeysAndValues() {
        PairDataset<String, Integer> pairs = pairs();
        assertThat(E2e.sortedStrings(pairs.mapValues(v -> v * 2).collect()))
                .isEqualTo(E2e.sortedStrings(DATA.stream().map(p -> Pair.of(p.key(), p.value() * 2)).toList()));

        List<Pair<String, Integer>> expectedFlat = new ArrayList<>();
        for (Pair<String, Integer> p : DATA) {
            for (int i = 0; i < Math.floorMod(p.value(), 3); i++) {
                expectedFlat.add(Pair.of(p.key(), p.value() + i));
            }
        }
        assertThat(E2e.sortedStrings(pairs.flatMapValues(v -> {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < Math.floorMod(v, 3); i++) {
                out.add(v + i);
            }
            return out.isEmpty() && v % 2 == 0 ? null : out; // null counts as no values
        }).collect())).isEqualTo(E2e.sortedStrings(expectedFlat));

        assertThat(pairs.keys().collect()).isEqualTo(DATA.stream().map(Pair::key).toList());
        assertThat(pairs.values().collect()).isEqualTo(DATA.stream().map(Pair::value).toList());

        // mapValues and flatMapValues keep the partitioner, so a later aggregation adds no shuffle
        PairDataset<String, Long> reduced = pairs.mapValues(v -> (long) v).reduceByKey(Long::sum, 4);
        assertThat(reduced.mapValues(v -> v + 1).node().partitioner()).isEqualTo(reduced.node().partitioner());
        String explain = reduced.mapValues(v -> v + 1).reduceByKey(Long::sum, 4).explain();
        assertThat(explain.split("writes shuffle", -1)).hasSize(2);
        Map<String, Long> plusOne = new HashMap<>();
        expectedSums().forEach((k, v) -> plusOne.put(k, v + 1));
        assertThat(toMap(reduced.mapValues(v -> v + 1).reduceByKey(Long::sum, 4).collect())).isEqualTo(plusOne);
    }

    /** Keys by their last character: a partitioner that is not a HashPartitioner. */
    static final class LastCharPartitioner extends Partitioner {
        @Override
        public int numPartitions() {
            return 3;
        }

        @Override
        public int partition(Object key) {
            return key == null ? 0 : ((String) key).charAt(((String) key).length() - 1) % 3;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LastCharPartitioner;
        }

        @Override
        public int hashCode() {
            return 3;
        }
    }

    @Test
    void aggregationsReuseAnExistingCustomPartitioning() {
        PairDataset<String, Long> partitioned = pairs().mapValues(v -> (long) v).partitionBy(new LastCharPartitioner());
        Map<String, Long> expected = expectedSums();
        for (PairDataset<String, Long> aggregated : List.of(
                partitioned.reduceByKey(Long::sum),
                partitioned.foldByKey(0L, Long::sum),
                partitioned.aggregateByKey(0L, Long::sum, Long::sum),
                partitioned.combineByKey(v -> v, Long::sum, Long::sum))) {
            String explain = aggregated.explain();
            assertThat(explain.split("writes shuffle", -1)).as(explain).hasSize(2);
            assertThat(toMap(aggregated.collect())).isEqualTo(expected);
        }
        Map<String, List<Integer>> groups = new HashMap<>();
        DATA.forEach(p -> groups.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value()));
        assertThat(partitioned.groupByKey().explain().split("writes shuffle", -1)).hasSize(2);
        assertThat(partitioned.groupByKey().count()).isEqualTo(groups.size());
        assertThat(Objects.requireNonNull(partitioned.countByKey()).get("key-3"))
                .isEqualTo(DATA.stream().filter(p -> "key-3".equals(p.key())).count());
    }
}
