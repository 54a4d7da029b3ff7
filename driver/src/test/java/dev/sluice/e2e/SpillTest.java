package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.function.SerializableComparator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregations and sorts of datasets several times larger than the memory budget: they spill to
 * disk, the spill meters say so, and the answers stay exact. Keys include hash collisions
 * ("Aa" and "BB" hash alike) and the null key, which external merging by hash must keep apart.
 */
class SpillTest {
    private static final String[] BLOCKS = {"Aa", "BB"};

    @TempDir
    Path localDir;

    private Sluice context(SimpleMeterRegistry registry) {
        // Execution may use all of managed memory while nothing is cached (unified memory): 4 MiB keeps every
        // dataset here several times larger than what one task may hold, with one task per executor too.
        return Sluice.builder().master(E2e.MASTER).appName("spill")
                .config("sluice.memory.maxBytes", "4m")
                .config("sluice.local.dir", localDir.toString())
                .meterRegistry(registry)
                .create();
    }

    /**
     * The key of record {@code i}: one of {@code distinct} suffixes, each with 8 prefixes that all
     * have the same hash code; one record in 1,000 has the null key.
     */
    static String keyOf(long i, long distinct) {
        long h = E2e.mix(i);
        if (Math.floorMod(h, 1_000L) == 0) {
            return null;
        }
        long suffix = Math.floorMod(h >>> 10, distinct);
        long variant = Math.floorMod(h >>> 40, 8L);
        StringBuilder key = new StringBuilder(24);
        for (int b = 0; b < 3; b++) {
            key.append(BLOCKS[(int) (variant >> b) & 1]);
        }
        return key.append('-').append(suffix).toString();
    }

    static long valueOf(long i) {
        return Math.floorMod(E2e.mix(i + 7), 1_000L);
    }

    private static PairDataset<String, Long> records(Sluice sluice, long n, long distinct) {
        return sluice.range(0, n, 4).mapToPair(i -> Pair.of(keyOf(i, distinct), valueOf(i)));
    }

    private static void assertSpilled(SimpleMeterRegistry registry) {
        assertThat(E2e.counter(registry, "sluice.spill.count")).as("sluice.spill.count").isGreaterThan(0);
        assertThat(E2e.counter(registry, "sluice.spill.bytes")).as("sluice.spill.bytes").isGreaterThan(0);
    }

    @Test
    void reduceByKeyLargerThanMemorySpillsAndIsExact() {
        long n = 600_000;
        long distinct = 40_000; // 8 hash-colliding variants each: ~270,000 distinct keys
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < n; i++) {
            expected.merge(keyOf(i, distinct), valueOf(i), Long::sum);
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = context(registry)) {
            assertThat(sluice.meterRegistry()).isSameAs(registry);
            List<Pair<String, Long>> sums = records(sluice, n, distinct).reduceByKey(Long::sum, 4).collect();
            assertThat(sums).hasSize(expected.size());
            Map<String, Long> actual = new HashMap<>();
            sums.forEach(p -> actual.put(p.key(), p.value()));
            assertThat(actual).isEqualTo(expected);
            assertSpilled(registry);
        }
    }

    @Test
    void groupByKeyLargerThanMemorySpillsAndIsExact() {
        long n = 400_000;
        long distinct = 10_000;
        Map<String, List<Long>> expected = new HashMap<>();
        for (long i = 0; i < n; i++) {
            expected.computeIfAbsent(keyOf(i, distinct), k -> new ArrayList<>()).add(valueOf(i));
        }
        expected.values().forEach(Collections::sort);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = context(registry)) {
            List<Pair<String, List<Long>>> groups = records(sluice, n, distinct).groupByKey(3).collect();
            Map<String, List<Long>> actual = new HashMap<>();
            for (Pair<String, List<Long>> g : groups) {
                List<Long> values = new ArrayList<>(g.value());
                Collections.sort(values);
                assertThat(actual.put(g.key(), values)).as("key %s once", g.key()).isNull();
            }
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            assertThat(actual).isEqualTo(expected);
            assertSpilled(registry);
        }
    }

    @Test
    void joinWhoseSidesBothExceedMemoryFallsBackToGroupingAndIsExact() {
        long n = 300_000;
        long distinct = 20_000;
        // expected: per key, (count of left values) x (count of right values) rows, and their value sums
        Map<String, long[]> left = new HashMap<>();
        Map<String, long[]> right = new HashMap<>();
        for (long i = 0; i < n; i++) {
            long[] l = left.computeIfAbsent(keyOf(i, distinct), k -> new long[2]);
            l[0]++;
            l[1] += valueOf(i);
            long[] r = right.computeIfAbsent(keyOf(i + n, distinct), k -> new long[2]);
            r[0]++;
            r[1] += valueOf(i + n);
        }
        long expectedRows = 0;
        long expectedSum = 0;
        long unmatchedLeft = 0;
        for (Map.Entry<String, long[]> e : left.entrySet()) {
            long[] r = right.get(e.getKey());
            if (r == null) {
                unmatchedLeft += e.getValue()[0];
                continue;
            }
            expectedRows += e.getValue()[0] * r[0];
            expectedSum += e.getValue()[1] * r[0] + r[1] * e.getValue()[0];
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = context(registry)) {
            PairDataset<String, Long> l = records(sluice, n, distinct);
            PairDataset<String, Long> r = sluice.range(n, 2 * n, 4).mapToPair(i -> Pair.of(keyOf(i, distinct), valueOf(i)));
            List<Long> sums = l.join(r, 3).map(p -> p.value().key() + p.value().value()).collect();
            assertThat(sums).hasSize((int) expectedRows);
            assertThat(sums.stream().mapToLong(Long::longValue).sum()).isEqualTo(expectedSum);
            assertThat(l.leftOuterJoin(r, 2).filter(p -> p.value().value().isEmpty()).count()).isEqualTo(unmatchedLeft);
            assertSpilled(registry);
        }
    }

    @Test
    void sortByKeyLargerThanMemorySpillsAndIsOrdered() {
        long n = 500_000;
        long distinct = 1_000_000;
        List<String> expectedKeys = new ArrayList<>((int) n);
        long expectedValueSum = 0;
        for (long i = 0; i < n; i++) {
            expectedKeys.add(keyOf(i, distinct));
            expectedValueSum += valueOf(i);
        }
        expectedKeys.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = context(registry)) {
            PairDataset<String, Long> sorted = records(sluice, n, distinct)
                    .sortByKey(SerializableComparator.<String>naturalOrder(), true, 4);
            List<Pair<String, Long>> all = sorted.collect();
            assertThat(all).hasSize((int) n);
            List<String> keys = new ArrayList<>(all.size());
            long valueSum = 0;
            for (Pair<String, Long> p : all) {
                keys.add(p.key());
                valueSum += p.value();
            }
            assertThat(keys).isEqualTo(expectedKeys);
            assertThat(valueSum).isEqualTo(expectedValueSum);
            assertSpilled(registry);
        }
    }
}
