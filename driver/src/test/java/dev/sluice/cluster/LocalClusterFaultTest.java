package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.Dataset;
import dev.sluice.JobFailedException;
import dev.sluice.Pair;
import dev.sluice.Sluice;
import dev.sluice.cluster.ClusterFaults.Gate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors dying, freezing and losing files under a running job on {@code local-cluster[2,1,512]}: each job
 * must finish with exactly the result of a fault-free run.
 */
@Timeout(180)
class LocalClusterFaultTest {
    private static final int KEYS = 97;

    @TempDir
    Path temp;

    private Sluice cluster(SimpleMeterRegistry registry, String... settings) {
        Sluice.Builder builder = Sluice.builder().master("local-cluster[2,1,512]").appName("faults")
                .config("sluice.local.dir", temp.resolve("local").toString())
                .config("sluice.executor.heartbeatInterval", "200ms")
                .config("sluice.executor.heartbeatTimeout", "3s")
                .config("sluice.shuffle.fetchRetries", "1")
                .config("sluice.shuffle.fetchRetryWait", "100ms")
                .meterRegistry(registry);
        for (int i = 0; i < settings.length; i += 2) {
            builder.config(settings[i], settings[i + 1]);
        }
        return builder.create();
    }

    /** The sums the job below must give. */
    private static Map<Long, Long> expected() {
        Map<Long, Long> sums = new TreeMap<>();
        for (long i = 0; i < 40_000; i++) {
            sums.merge(i % KEYS, i, Long::sum);
        }
        return sums;
    }

    /** A two-stage job: keyed sums over 8 map partitions into 4 reduce partitions; each map or reduce task passes the gate. */
    private static Dataset<Pair<Long, Long>> job(Sluice sluice, Gate mapGate, Gate reduceGate) {
        return sluice.range(0, 40_000, 8)
                .mapPartitions(it -> {
                    if (mapGate != null) {
                        mapGate.pass("map");
                    }
                    return it;
                })
                .mapToPair(i -> Pair.of(i % KEYS, i))
                .reduceByKey(Long::sum, 4)
                .mapPartitions(it -> {
                    if (reduceGate != null) {
                        reduceGate.pass("reduce");
                    }
                    return it;
                });
    }

    private static Map<Long, Long> sums(List<Pair<Long, Long>> pairs) {
        Map<Long, Long> out = new TreeMap<>();
        for (Pair<Long, Long> pair : pairs) {
            assertThat(out.put(pair.key(), pair.value())).as("key %s once", pair.key()).isNull();
        }
        return out;
    }


    @Test
    void killingAnExecutorDuringTheMapStageStillGivesTheExactResult() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = cluster(registry)) {
            Gate gate = Gate.in(temp.resolve("map-gate"));
            CompletableFuture<Map<Long, Long>> result = CompletableFuture.supplyAsync(
                    () -> sums(job(sluice, gate, null).collect()));
            ClusterFaults.await("both executors running a map task", Duration.ofSeconds(60), () -> gate.arrivals() >= 2);

            ClusterFaults.executors().get(0).destroyForcibly();
            gate.open();

            assertThat(result.get()).isEqualTo(expected());
            assertThat(ClusterFaults.executors()).hasSize(1);
        }
    }

    @Test
    void killingAnExecutorDuringTheReduceStageRecomputesItsMapOutputs() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = cluster(registry)) {
            Gate gate = Gate.in(temp.resolve("reduce-gate"));
            CompletableFuture<Map<Long, Long>> result = CompletableFuture.supplyAsync(
                    () -> sums(job(sluice, null, gate).collect()));
            ClusterFaults.await("both executors running a reduce task", Duration.ofSeconds(60), () -> gate.arrivals() >= 2);

            ClusterFaults.executors().get(0).destroyForcibly();
            gate.open();

            assertThat(result.get()).isEqualTo(expected());
        }
    }

    @Test
    void anExecutorFrozenPastTheHeartbeatTimeoutIsDeclaredLostAndTheJobCompletes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessHandle frozen = null;
        try (Sluice sluice = cluster(registry)) {
            Gate gate = Gate.in(temp.resolve("freeze-gate"));
            CompletableFuture<Map<Long, Long>> result = CompletableFuture.supplyAsync(
                    () -> sums(job(sluice, gate, null).collect()));
            ClusterFaults.await("both executors running a map task", Duration.ofSeconds(60), () -> gate.arrivals() >= 2);

            frozen = ClusterFaults.executors().get(0);
            ClusterFaults.signal(frozen, "STOP");
            gate.open();

            assertThat(result.get()).isEqualTo(expected());
        } finally {
            if (frozen != null) {
                frozen.destroyForcibly();
            }
        }
    }

    @Test
    void aDeletedMapOutputFileIsAFetchFailureThatReRunsTheMapTask() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = cluster(registry)) {
            Dataset<Pair<Long, Long>> sums = job(sluice, null, null);
            assertThat(sums(sums.collect())).isEqualTo(expected());

            List<Path> dataFiles = shuffleDataFiles(temp.resolve("local"));
            assertThat(dataFiles).hasSize(8);
            Files.delete(dataFiles.get(0));

            // the second action reuses the shuffle, finds a map output gone, and recomputes it
            assertThat(sums(sums.collect())).isEqualTo(expected());
            assertThat(ClusterFaults.counterSum(registry, "sluice.stage.resubmissions")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aResultOverMaxResultSizeFailsTheJobWithAClearMessageAndLargeResultsUnderItArrive() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = cluster(registry, "sluice.driver.maxResultSize", "6m")) {
            // about 5 MiB per partition: over the 4 MiB inline limit, so it is streamed from the executor
            List<String> big = sluice.range(0, 2, 2).flatMap(i -> {
                List<String> out = new ArrayList<>();
                for (int k = 0; k < 5_000; k++) {
                    out.add(i + ":" + "x".repeat(1_000));
                }
                return out;
            }).filter(s -> s.startsWith("0:")).collect();
            assertThat(big).hasSize(5_000);

            Throwable failure = catchThrowable(() -> sluice.range(0, 4, 4)
                    .flatMap(i -> Stream.generate(() -> "y".repeat(1_000)).limit(3_000).toList()).collect());
            assertThat(failure).isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("sluice.driver.maxResultSize");
            // and the context keeps working
            assertThat(sluice.range(0, 10, 2).count()).isEqualTo(10);
        }
    }

    @Test
    void whenEveryExecutorIsLostTheJobFailsSayingSoInsteadOfWaitingForever() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = cluster(registry)) {
            Gate gate = Gate.in(temp.resolve("all-lost-gate"));
            CompletableFuture<Map<Long, Long>> result = CompletableFuture.supplyAsync(
                    () -> sums(job(sluice, gate, null).collect()));
            ClusterFaults.await("both executors running a map task", Duration.ofSeconds(60), () -> gate.arrivals() >= 2);

            ClusterFaults.executors().forEach(ProcessHandle::destroyForcibly);

            Throwable failure = catchThrowable(result::join);
            assertThat(failure).hasCauseInstanceOf(JobFailedException.class)
                    .hasMessageContaining("every executor of the application was lost");
        }
    }

    @Test
    void closeStopsEveryExecutorProcessAndDeletesTheirDirectories() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<ProcessHandle> executors;
        try (Sluice sluice = cluster(registry)) {
            Dataset<Pair<Long, Long>> sums = job(sluice, null, null);
            assertThat(sums(sums.collect())).isEqualTo(expected());
            executors = ClusterFaults.executors();
            assertThat(executors).hasSize(2);
            assertThat(shuffleDataFiles(temp.resolve("local"))).isNotEmpty();
            assertThat(registry.find("sluice.shuffle.bytes.written").functionCounters())
                    .extracting(c -> c.getId().getTag("executor")).contains("1", "2");
            // A dataset nothing refers to any more has its shuffle files deleted once collected as garbage.
            java.lang.ref.Reference.reachabilityFence(sums);
        }
        assertThat(executors).noneMatch(ProcessHandle::isAlive);
        try (Stream<Path> left = Files.list(temp.resolve("local"))) {
            assertThat(left).isEmpty();
        }
    }

    private static List<Path> shuffleDataFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".data")).sorted().toList();
        }
    }
}
