package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** Several jobs at once on one context, and shuffle files removed once nothing can read them. */
@Timeout(60)
class ConcurrencyAndCleanupTest {
    private static final Shared MAP_SIDE_CALLS = Shared.named("Concurrency.mapSideCalls");
    /** Released once (an entry); map tasks wherever they run wait for it. */
    private static final Shared RELEASE = Shared.named("Concurrency.release");
    private static final Shared MAP_STARTED = Shared.named("Concurrency.mapStarted");

    @TempDir
    Path localDir;

    @BeforeEach
    void reset() {
        MAP_SIDE_CALLS.clear();
        RELEASE.clear();
        MAP_STARTED.clear();
    }

    @Test
    void concurrentJobsOnOneContextAreAllExact() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (Sluice sluice = E2e.local2()) {
            List<Future<Map<Long, Long>>> results = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                long modulus = 3 + j;
                results.add(callers.submit(() -> sluice.range(0, 20_000, 4)
                        .mapToPair(x -> Pair.of(x % modulus, x)).reduceByKey(Long::sum, 3).collectAsMap()));
            }
            for (int j = 0; j < 8; j++) {
                long modulus = 3 + j;
                Map<Long, Long> expected = LongStream.range(0, 20_000).boxed()
                        .collect(Collectors.groupingBy(x -> x % modulus, Collectors.summingLong(x -> x)));
                assertThat(results.get(j).get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void concurrentActionsOnOneShuffleShareItsMapStage() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Sluice sluice = E2e.local2()) {
            PairDataset<Long, Long> counts = sluice.range(0, 10_000, 4).map(x -> {
                if (x % 2_500 == 0) {
                    MAP_STARTED.increment();
                    awaitRelease(); // every map task holds until both jobs are submitted
                }
                MAP_SIDE_CALLS.increment();
                return x % 10;
            }).mapToPair(x -> Pair.of(x, 1L)).reduceByKey(Long::sum, 2);

            Future<Long> first = callers.submit(counts::count);
            E2e.await("a map task to start", Duration.ofSeconds(20), () -> MAP_STARTED.get() > 0);
            AtomicReference<Thread> secondCaller = new AtomicReference<>();
            Future<Map<Long, Long>> second = callers.submit(() -> {
                secondCaller.set(Thread.currentThread());
                return counts.collectAsMap();
            });
            // the second caller blocks in its job once it is submitted
            E2e.await("the second job to be waiting", Duration.ofSeconds(20),
                    () -> secondCaller.get() != null && secondCaller.get().getState() == Thread.State.WAITING);
            RELEASE.record("go");

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(10);
            assertThat(second.get(30, TimeUnit.SECONDS))
                    .isEqualTo(LongStream.range(0, 10).boxed().collect(Collectors.toMap(k -> k, k -> 1_000L)));
            assertThat(MAP_SIDE_CALLS.get()).isEqualTo(10_000);
        } finally {
            if (RELEASE.get() == 0) {
                RELEASE.record("go");
            }
            callers.shutdownNow();
        }
    }

    private static void awaitRelease() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (RELEASE.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("never released");
                }
                Thread.sleep(5); // polling a file another JVM writes; no latch spans processes
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long shuffleDataFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".data")).count();
        } catch (IOException | UncheckedIOException e) {
            return -1; // a file vanished during the walk: look again
        }
    }

    private static PairDataset<Long, Long> counts(Sluice sluice) {
        return sluice.range(0, 10_000, 4).mapToPair(x -> Pair.of(x % 10, 1L)).reduceByKey(Long::sum, 2);
    }

    @Test
    void shuffleFilesAreDeletedOnceNoDatasetCanReadThem() {
        try (Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString())) {
            PairDataset<Long, Long> counts = counts(sluice);
            assertThat(counts.collectAsMap()).hasSize(10).containsEntry(3L, 1_000L);
            assertThat(shuffleDataFiles(localDir)).isEqualTo(4); // one per map task
            // while a dataset can read them, they stay
            System.gc();
            assertThat(counts.count()).isEqualTo(10);
            assertThat(shuffleDataFiles(localDir)).isEqualTo(4);
            Reference.reachabilityFence(counts);
            counts = null;
            // now nothing can: garbage collection lets them go
            E2e.await("shuffle files to be removed", Duration.ofSeconds(20), () -> {
                System.gc();
                return shuffleDataFiles(localDir) == 0;
            });
            // and the context carries on
            assertThat(counts(sluice).collectAsMap()).hasSize(10);
        }
    }
}
