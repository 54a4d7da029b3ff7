package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.storage.StorageLevel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Persistence: computed once, the same answers at every level, unpersist, recompute after eviction,
 * and shuffle outputs reused by later jobs. Calls are counted with static counters, since closures
 * are serialized into every task.
 */
class CachingTest {
    private static final Shared CALLS = Shared.named("Caching.calls");
    private static final Shared MAP_SIDE_CALLS = Shared.named("Caching.mapSideCalls");

    @TempDir
    Path localDir;

    @BeforeEach
    void reset() {
        CALLS.clear();
        MAP_SIDE_CALLS.clear();
    }

    /** Partitions read from a cache, this executor's or another's. */
    private static double cacheReads(Sluice sluice) {
        return E2e.counter(sluice.meterRegistry(), "sluice.cache.hits")
                + E2e.counter(sluice.meterRegistry(), "sluice.cache.remote.hits");
    }

    private static Dataset<Long> counted(Sluice sluice, long n, int partitions) {
        return sluice.range(0, n, partitions).map(x -> {
            CALLS.increment();
            return x * 3;
        });
    }

    @Test
    void cachedDatasetIsComputedOnceAcrossActions() {
        try (Sluice sluice = E2e.local2()) {
            Dataset<Long> cached = counted(sluice, 10_000, 4).cache();
            assertThat(cached.storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY_SER);
            long expectedSum = LongStream.range(0, 10_000).map(x -> x * 3).sum();
            assertThat(cached.count()).isEqualTo(10_000);
            assertThat(cached.reduce(Long::sum)).isEqualTo(expectedSum);
            assertThat(cached.collect()).isEqualTo(LongStream.range(0, 10_000).map(x -> x * 3).boxed().toList());
            assertThat(cached.filter(x -> x % 2 == 0).count()).isEqualTo(5_000);
            assertThat(cached.take(3)).containsExactly(0L, 3L, 6L);
            assertThat(CALLS.get()).isEqualTo(10_000);
            // reduce, collect and count read 4 partitions each, take(3) only the first; exact once the actions
            // returned (a partition read from another executor's cache is a remote hit)
            assertThat(cacheReads(sluice)).isEqualTo(4 * 3 + 1);

            // not cached: every action recomputes
            CALLS.clear();
            Dataset<Long> plain = counted(sluice, 1_000, 4);
            plain.count();
            plain.count();
            assertThat(CALLS.get()).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageLevel.class)
    void everyStorageLevelGivesTheSameResults(StorageLevel level) {
        try (Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString())) {
            PairDataset<String, Long> persisted = counted(sluice, 20_000, 5)
                    .mapToPair(x -> Pair.of("k" + x % 37, x))
                    .persist(level);
            assertThat(persisted.storageLevel()).isEqualTo(level);
            Map<String, Long> expected = new TreeMap<>(LongStream.range(0, 20_000).map(x -> x * 3).boxed()
                    .collect(Collectors.groupingBy(x -> "k" + x % 37, Collectors.summingLong(x -> x))));
            List<Pair<String, Long>> expectedPairs = LongStream.range(0, 20_000).map(x -> x * 3)
                    .mapToObj(x -> Pair.of("k" + x % 37, x)).toList();
            for (int round = 0; round < 3; round++) {
                assertThat(persisted.collect()).isEqualTo(expectedPairs);
                assertThat(new TreeMap<>(persisted.reduceByKey(Long::sum, 3).collectAsMap())).isEqualTo(expected);
            }
            int expectedCalls = level == StorageLevel.NONE ? 6 * 20_000 : 20_000;
            assertThat(CALLS.get()).as("map calls at %s", level).isEqualTo(expectedCalls);
        }
    }

    @Test
    void unpersistMakesTheNextActionRecompute() {
        try (Sluice sluice = E2e.local2()) {
            Dataset<Long> cached = counted(sluice, 5_000, 3).cache();
            assertThat(cached.count()).isEqualTo(5_000);
            assertThat(cached.count()).isEqualTo(5_000);
            assertThat(CALLS.get()).isEqualTo(5_000);

            cached.unpersist();
            assertThat(cached.storageLevel()).isEqualTo(StorageLevel.NONE);
            assertThat(cached.count()).isEqualTo(5_000);
            assertThat(CALLS.get()).isEqualTo(10_000);
            assertThat(cached.count()).isEqualTo(5_000);
            assertThat(CALLS.get()).isEqualTo(15_000);

            // persisting again caches again
            cached.persist(StorageLevel.MEMORY_ONLY_SER);
            assertThat(cached.reduce(Long::sum)).isEqualTo(LongStream.range(0, 5_000).map(x -> x * 3).sum());
            assertThat(cached.count()).isEqualTo(5_000);
            assertThat(CALLS.get()).isEqualTo(20_000);
        }
    }

    /**
     * 400,000 strings of ~40 characters in 100 partitions: each partition fits the 1 MiB of storage
     * memory that a 2 MiB budget leaves, all of them together are many times more.
     */
    private static Dataset<String> bigStrings(Sluice sluice) {
        return sluice.range(0, 400_000, 100).map(x -> {
            CALLS.increment();
            return "record-" + x + "-padding-padding-padding-" + (x % 97);
        });
    }

    private static long expectedBigChecksum() {
        return LongStream.range(0, 400_000).map(x -> ("record-" + x + "-padding-padding-padding-" + (x % 97)).hashCode()).sum();
    }

    @Test
    void memoryOnlyBlocksEvictedUnderPressureAreRecomputedExactly() {
        try (Sluice sluice = E2e.local2("sluice.memory.maxBytes", "2m")) {
            MeterRegistry registry = sluice.meterRegistry();
            Dataset<String> cached = bigStrings(sluice).persist(StorageLevel.MEMORY_ONLY);
            long expected = expectedBigChecksum();
            for (int round = 0; round < 3; round++) {
                assertThat(cached.count()).isEqualTo(400_000);
                assertThat(cached.map(s -> (long) s.hashCode()).reduce(Long::sum)).isEqualTo(expected);
            }
            assertThat(cached.filter(s -> s.startsWith("record-399999-")).collect())
                    .containsExactly("record-399999-padding-padding-padding-" + 399_999 % 97);
            // it did not fit: partitions were recomputed from lineage
            assertThat(CALLS.get()).isGreaterThan(400_000);
            double evictions = E2e.counter(registry, "sluice.cache.evictions");
            double misses = E2e.counter(registry, "sluice.cache.misses");
            assertThat(evictions).isGreaterThan(0);
            assertThat(misses).isGreaterThan(100);
        }
    }

    @Test
    void memoryAndDiskUnderTheSamePressureStaysExactAndComputesOnce() {
        try (Sluice sluice = E2e.local2("sluice.memory.maxBytes", "2m", "sluice.local.dir", localDir.toString())) {
            Dataset<String> persisted = bigStrings(sluice).persist(StorageLevel.MEMORY_AND_DISK);
            long expected = expectedBigChecksum();
            for (int round = 0; round < 3; round++) {
                assertThat(persisted.count()).isEqualTo(400_000);
                assertThat(persisted.map(s -> (long) s.hashCode()).reduce(Long::sum)).isEqualTo(expected);
            }
            // evicted blocks went to disk instead of being dropped
            assertThat(CALLS.get()).isEqualTo(400_000);
            assertThat(cacheReads(sluice)).isEqualTo(100 * 5);
        }
    }

    @Test
    void diskOnlyUnderPressureStaysExactAndComputesOnce() {
        try (Sluice sluice = E2e.local2("sluice.memory.maxBytes", "2m", "sluice.local.dir", localDir.toString())) {
            Dataset<String> persisted = bigStrings(sluice).persist(StorageLevel.DISK_ONLY);
            long expected = expectedBigChecksum();
            assertThat(persisted.map(s -> (long) s.hashCode()).reduce(Long::sum)).isEqualTo(expected);
            assertThat(persisted.map(s -> (long) s.hashCode()).reduce(Long::sum)).isEqualTo(expected);
            assertThat(CALLS.get()).isEqualTo(400_000);
        }
    }

    @Test
    void twoActionsOnOneShuffleComputeTheMapSideOnce() {
        try (Sluice sluice = E2e.local2()) {
            PairDataset<Long, Long> counts = sluice.range(0, 30_000, 6)
                    .map(x -> {
                        MAP_SIDE_CALLS.increment();
                        return x % 101;
                    })
                    .mapToPair(x -> Pair.of(x, 1L))
                    .reduceByKey(Long::sum, 4);
            Map<Long, Long> expected = LongStream.range(0, 30_000).boxed()
                    .collect(Collectors.groupingBy(x -> x % 101, Collectors.counting()));
            assertThat(counts.count()).isEqualTo(101);
            assertThat(counts.collectAsMap()).isEqualTo(expected);
            assertThat(counts.mapValues(v -> v * 2).values().reduce(Long::sum)).isEqualTo(60_000L);
            assertThat(MAP_SIDE_CALLS.get()).isEqualTo(30_000);
            // a new dataset downstream of the same shuffle reuses it too
            assertThat(counts.filter(p -> p.value() > 297).count()).isEqualTo(expected.values().stream().filter(v -> v > 297).count());
            assertThat(MAP_SIDE_CALLS.get()).isEqualTo(30_000);
        }
    }

    @Test
    void partialReadsOfDiskBlocksCloseTheirFiles() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
        try (Sluice sluice = E2e.local2()) {
            Dataset<Long> onDisk = sluice.range(0, 50_000, 2).persist(StorageLevel.DISK_ONLY);
            assertThat(onDisk.count()).isEqualTo(50_000);
            long before = openFiles(fds);
            for (int i = 0; i < 200; i++) {
                assertThat(onDisk.first()).isZero(); // reads one record of a disk block, then stops
            }
            // Without closing at task end, every first() would leave one block file open.
            assertThat(openFiles(fds) - before).isLessThan(50);
        }
    }

    private static long openFiles(Path fds) throws java.io.IOException {
        try (var list = java.nio.file.Files.list(fds)) {
            return list.count();
        }
    }
}
