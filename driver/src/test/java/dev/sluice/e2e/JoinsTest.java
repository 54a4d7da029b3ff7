package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.partition.Partitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every join flavour against hand-written nested-loop joins, with keys missing on either side,
 * duplicate keys (cross products), null keys and null values; and co-partitioned joins that add no shuffle.
 */
class JoinsTest {
    @RegisterExtension
    final E2eContext context = new E2eContext();

    /** Left: keys k0..k19 and null; right: keys k10..k29 and null; values sometimes null, keys often repeated. */
    private static final List<Pair<String, Integer>> LEFT = data(7, 300, 0, 20, 0.08);
    private static final List<Pair<String, String>> RIGHT = stringValued(data(8, 200, 10, 20, 0.1));

    private static List<Pair<String, Integer>> data(long seed, int n, int firstKey, int keys, double nullShare) {
        Random random = new Random(seed);
        List<Pair<String, Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String key = random.nextDouble() < nullShare ? null : "k" + (firstKey + random.nextInt(keys));
            Integer value = random.nextDouble() < nullShare ? null : random.nextInt(1000);
            out.add(Pair.of(key, value));
        }
        // a few hand-picked cases: a key only on the left, a duplicate with a null value
        out.add(Pair.of("only-left", 1));
        out.add(Pair.of("k1", null));
        return out;
    }

    private static List<Pair<String, String>> stringValued(List<Pair<String, Integer>> in) {
        List<Pair<String, String>> out = new ArrayList<>();
        for (Pair<String, Integer> p : in) {
            out.add(Pair.of(p.key(), p.value() == null ? null : "v" + p.value()));
        }
        out.add(Pair.of("only-right", "r"));
        out.add(Pair.of(null, null));
        return out;
    }

    private PairDataset<String, Integer> left() {
        return context.sluice().parallelize(LEFT, 3).mapToPair(p -> p);
    }

    private PairDataset<String, String> right() {
        return context.sluice().parallelize(RIGHT, 2).mapToPair(p -> p);
    }

    // ------------------------------------------------------------ reference implementations

    private static <A, B, R> List<String> nestedLoop(List<Pair<String, A>> l, List<Pair<String, B>> r,
                                                     boolean keepLeft, boolean keepRight,
                                                     Function<A, Object> leftWrap, Function<B, Object> rightWrap,
                                                     Object missingLeft, Object missingRight) {
        List<String> out = new ArrayList<>();
        for (Pair<String, A> lp : l) {
            boolean matched = false;
            for (Pair<String, B> rp : r) {
                if (Objects.equals(lp.key(), rp.key())) {
                    matched = true;
                    out.add(Pair.of(lp.key(), Pair.of(leftWrap.apply(lp.value()), rightWrap.apply(rp.value()))).toString());
                }
            }
            if (!matched && keepLeft) {
                out.add(Pair.of(lp.key(), Pair.of(leftWrap.apply(lp.value()), missingRight)).toString());
            }
        }
        if (keepRight) {
            for (Pair<String, B> rp : r) {
                boolean matched = l.stream().anyMatch(lp -> Objects.equals(lp.key(), rp.key()));
                if (!matched) {
                    out.add(Pair.of(rp.key(), Pair.of(missingLeft, rightWrap.apply(rp.value()))).toString());
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static <T> List<T> sortedValues(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        copy.sort(Comparator.nullsFirst(Comparator.comparing(String::valueOf)));
        return copy;
    }

    // ------------------------------------------------------------ tests

    @Test
    void innerJoinIsTheCrossProductPerKeyIncludingNullKeys() {
        List<String> expected = nestedLoop(LEFT, RIGHT, false, false, v -> v, w -> w, null, null);
        assertThat(E2e.sortedStrings(left().join(right()).collect())).isEqualTo(expected);
        assertThat(E2e.sortedStrings(left().join(right(), 5).collect())).isEqualTo(expected);
        assertThat(left().join(right(), 5).numPartitions()).isEqualTo(5);
        // the null key matches the null key: k=null appears on both sides
        assertThat(expected).anyMatch(s -> s.startsWith("(null,"));
    }

    @Test
    void leftOuterJoinKeepsUnmatchedLeftPairs() {
        List<String> expected = nestedLoop(LEFT, RIGHT, true, false, v -> v, Optional::ofNullable, null, Optional.empty());
        assertThat(E2e.sortedStrings(left().leftOuterJoin(right()).collect())).isEqualTo(expected);
        assertThat(E2e.sortedStrings(left().leftOuterJoin(right(), 4).collect())).isEqualTo(expected);
        assertThat(expected).anyMatch(s -> s.startsWith("(only-left,"));
    }

    @Test
    void rightOuterJoinKeepsUnmatchedRightPairs() {
        List<String> expected = nestedLoop(LEFT, RIGHT, false, true, Optional::ofNullable, w -> w, Optional.empty(), null);
        assertThat(E2e.sortedStrings(left().rightOuterJoin(right()).collect())).isEqualTo(expected);
        assertThat(E2e.sortedStrings(left().rightOuterJoin(right(), 1).collect())).isEqualTo(expected);
        assertThat(expected).anyMatch(s -> s.startsWith("(only-right,"));
    }

    @Test
    void fullOuterJoinKeepsBothSides() {
        List<String> expected = nestedLoop(LEFT, RIGHT, true, true, Optional::ofNullable, Optional::ofNullable,
                Optional.empty(), Optional.empty());
        assertThat(E2e.sortedStrings(left().fullOuterJoin(right()).collect())).isEqualTo(expected);
        assertThat(E2e.sortedStrings(left().fullOuterJoin(right(), 6).collect())).isEqualTo(expected);
    }

    @Test
    void everyJoinIsExactWhicheverSideIsHeldInMemory() {
        // a right side ten times larger than the left makes the tasks hold the left side instead
        List<Pair<String, String>> bigRight = stringValued(data(9, 3000, 5, 25, 0.1));
        PairDataset<String, String> big = context.sluice().parallelize(bigRight, 2).mapToPair(p -> p);
        assertThat(E2e.sortedStrings(left().join(big).collect()))
                .isEqualTo(nestedLoop(LEFT, bigRight, false, false, v -> v, w -> w, null, null));
        assertThat(E2e.sortedStrings(left().leftOuterJoin(big, 3).collect()))
                .isEqualTo(nestedLoop(LEFT, bigRight, true, false, v -> v, Optional::ofNullable, null, Optional.empty()));
        assertThat(E2e.sortedStrings(left().rightOuterJoin(big).collect()))
                .isEqualTo(nestedLoop(LEFT, bigRight, false, true, Optional::ofNullable, w -> w, Optional.empty(), null));
        assertThat(E2e.sortedStrings(left().fullOuterJoin(big, 4).collect()))
                .isEqualTo(nestedLoop(LEFT, bigRight, true, true, Optional::ofNullable, Optional::ofNullable,
                        Optional.empty(), Optional.empty()));
    }

    @Test
    void aJoinIsOneOperatorInThePlan() {
        String plan = left().join(right()).explain();
        assertThat(plan).contains("join [").doesNotContain("flatMapValues").doesNotContain("cogroup");
    }

    @Test
    void cogroupListsAllValuesOfBothSidesPerKey() {
        Set<String> keys = new LinkedHashSet<>();
        LEFT.forEach(p -> keys.add(p.key()));
        RIGHT.forEach(p -> keys.add(p.key()));
        List<String> expected = new ArrayList<>();
        for (String key : keys) {
            List<Integer> l = new ArrayList<>();
            LEFT.stream().filter(p -> Objects.equals(p.key(), key)).forEach(p -> l.add(p.value()));
            List<String> r = new ArrayList<>();
            RIGHT.stream().filter(p -> Objects.equals(p.key(), key)).forEach(p -> r.add(p.value()));
            expected.add(Pair.of(key, Pair.of(sortedValues(l), sortedValues(r))).toString());
        }
        expected.sort(Comparator.naturalOrder());

        for (PairDataset<String, Pair<List<Integer>, List<String>>> grouped
                : List.of(left().cogroup(right()), left().cogroup(right(), 7))) {
            List<String> actual = new ArrayList<>();
            for (Pair<String, Pair<List<Integer>, List<String>>> p : grouped.collect()) {
                actual.add(Pair.of(p.key(), Pair.of(sortedValues(p.value().key()), sortedValues(p.value().value()))).toString());
            }
            actual.sort(Comparator.naturalOrder());
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void subtractByKeyDropsEveryKeyOfTheOtherSide() {
        Set<String> rightKeys = new HashSet<>();
        RIGHT.forEach(p -> rightKeys.add(p.key()));
        List<String> expected = E2e.sortedStrings(LEFT.stream().filter(p -> !rightKeys.contains(p.key())).toList());
        assertThat(expected).isNotEmpty();
        assertThat(E2e.sortedStrings(left().subtractByKey(right()).collect())).isEqualTo(expected);
        // and the other way round
        Set<String> leftKeys = new HashSet<>();
        LEFT.forEach(p -> leftKeys.add(p.key()));
        assertThat(E2e.sortedStrings(right().subtractByKey(left()).collect()))
                .isEqualTo(E2e.sortedStrings(RIGHT.stream().filter(p -> !leftKeys.contains(p.key())).toList()));
    }

    @Test
    void joinsWithAnEmptySideAndSelfJoins() {
        PairDataset<String, String> empty = context.sluice().<Pair<String, String>>parallelize(List.of(), 2).mapToPair(p -> p);
        assertThat(left().join(empty).collect()).isEmpty();
        assertThat(E2e.sortedStrings(left().leftOuterJoin(empty).collect()))
                .isEqualTo(nestedLoop(LEFT, List.<Pair<String, String>>of(), true, false, v -> v, Optional::ofNullable,
                        null, Optional.empty()));
        assertThat(E2e.sortedStrings(left().subtractByKey(empty).collect())).isEqualTo(E2e.sortedStrings(LEFT));
        assertThat(E2e.sortedStrings(left().join(left()).collect()))
                .isEqualTo(nestedLoop(LEFT, LEFT, false, false, v -> v, w -> w, null, null));
    }

    private static int shuffleWrites(String explain) {
        Matcher m = Pattern.compile("writes shuffle").matcher(explain);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void joiningDatasetsPartitionedByTheSameHashPartitionerAddsNoShuffle() {
        HashPartitioner partitioner = new HashPartitioner(4);
        PairDataset<String, Integer> a = left().partitionBy(partitioner);
        PairDataset<String, String> b = right().partitionBy(new HashPartitioner(4));

        PairDataset<String, Pair<Integer, String>> joined = a.join(b);
        String explain = joined.explain();
        assertThat(shuffleWrites(explain)).as(explain).isEqualTo(2);
        assertThat(joined.numPartitions()).isEqualTo(4);
        assertThat(E2e.sortedStrings(joined.collect()))
                .isEqualTo(nestedLoop(LEFT, RIGHT, false, false, v -> v, w -> w, null, null));

        assertThat(shuffleWrites(a.leftOuterJoin(b).explain())).isEqualTo(2);
        assertThat(shuffleWrites(a.rightOuterJoin(b).explain())).isEqualTo(2);
        assertThat(shuffleWrites(a.fullOuterJoin(b).explain())).isEqualTo(2);
        assertThat(shuffleWrites(a.cogroup(b).explain())).isEqualTo(2);
        assertThat(shuffleWrites(a.subtractByKey(b).explain())).isEqualTo(2);
        // aggregating a partitioned dataset by the same partitioner needs no shuffle either
        assertThat(shuffleWrites(a.reduceByKey((x, y) -> x, partitioner).explain())).isEqualTo(1);
        // but a join with an unpartitioned side shuffles that side
        assertThat(shuffleWrites(a.join(right()).explain())).isEqualTo(2);
        assertThat(shuffleWrites(left().join(right()).explain())).isEqualTo(2);
        assertThat(shuffleWrites(a.join(b, 5).explain())).isEqualTo(4);
        assertThat(E2e.sortedStrings(a.fullOuterJoin(b).collect())).isEqualTo(nestedLoop(LEFT, RIGHT, true, true,
                Optional::ofNullable, Optional::ofNullable, Optional.empty(), Optional.empty()));
    }

    /** Keys by the parity of their length: a partitioner that is not a HashPartitioner. */
    static final class LengthParityPartitioner extends Partitioner {
        @Override
        public int numPartitions() {
            return 2;
        }

        @Override
        public int partition(Object key) {
            return key == null ? 0 : key.toString().length() % 2;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LengthParityPartitioner;
        }

        @Override
        public int hashCode() {
            return 2;
        }
    }

    @Test
    void everyJoinFlavourReusesAnExistingCustomPartitioning() {
        PairDataset<String, Integer> a = left().partitionBy(new LengthParityPartitioner());
        PairDataset<String, String> b = right().partitionBy(new LengthParityPartitioner());

        assertThat(shuffleWrites(a.join(b).explain())).as("join").isEqualTo(2);
        assertThat(shuffleWrites(a.cogroup(b).explain())).as("cogroup").isEqualTo(2);
        assertThat(shuffleWrites(a.subtractByKey(b).explain())).as("subtractByKey").isEqualTo(2);
        assertThat(shuffleWrites(a.leftOuterJoin(b).explain())).as("leftOuterJoin").isEqualTo(2);
        assertThat(shuffleWrites(a.rightOuterJoin(b).explain())).as("rightOuterJoin").isEqualTo(2);
        assertThat(shuffleWrites(a.fullOuterJoin(b).explain())).as("fullOuterJoin").isEqualTo(2);
        assertThat(E2e.sortedStrings(a.leftOuterJoin(b).collect()))
                .isEqualTo(nestedLoop(LEFT, RIGHT, true, false, v -> v, Optional::ofNullable, null, Optional.empty()));
    }
}
