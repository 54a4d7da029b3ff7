package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.plan.ExecutionPlan;
import dev.sluice.plan.PlanOperator;
import dev.sluice.plan.PlanStage;
import dev.sluice.plan.ShuffleRead;
import dev.sluice.storage.StorageLevel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The meters a word count moves, and what explain() shows of a plan. */
class MetricsAndExplainTest {
    @TempDir
    Path dir;

    private static final List<String> LINES = List.of(
            "the quick brown fox", "jumps over the lazy dog", "", "the dog sleeps", "a fox runs over the hill");

    private PairDataset<String, Long> wordCount(Sluice sluice) {
        E2e.write(dir.resolve("in/part-1.txt"), String.join("\n", LINES.subList(0, 3)) + "\n");
        E2e.write(dir.resolve("in/part-2.txt"), String.join("\n", LINES.subList(3, 5)) + "\n");
        return sluice.textFile(dir.resolve("in").toString(), 2)
                .flatMap(line -> Arrays.asList(line.split(" ")))
                .filter(word -> !word.isEmpty())
                .map(word -> word.toUpperCase(java.util.Locale.ROOT))
                .mapToPair(word -> Pair.of(word, 1L))
                .reduceByKey(Long::sum, 3);
    }

    private static Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (String line : LINES) {
            for (String w : line.split(" ")) {
                if (!w.isEmpty()) {
                    counts.merge(w.toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    @Test
    void aWordCountMovesTheTaskShuffleAndJobMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = Sluice.builder().master(E2e.MASTER).meterRegistry(registry).create()) {
            assertThat(sluice.meterRegistry()).isSameAs(registry);
            Map<String, Long> expected = expectedCounts();
            assertThat(wordCount(sluice).collectAsMap()).isEqualTo(expected);

            // Every count is exact once the action returns, in every mode: each task's meters travel in its report.
            // one timer per executor (only "driver" in local mode)
            long tasks = (long) registry.find("sluice.task.duration").functionTimers().stream()
                    .mapToDouble(FunctionTimer::count).sum();
            assertThat(tasks).isEqualTo(2 + 3); // 2 map tasks, 3 reduce tasks
            if (E2e.onCluster()) {
                assertThat(registry.find("sluice.shuffle.bytes.written").functionCounters())
                        .extracting(c -> c.getId().getTag("executor")).contains("1", "2");
            }
            long words = expected.values().stream().mapToLong(Long::longValue).sum();
            // each map task (one per file) writes its distinct words once, combined on the map side
            long combined = distinctWords(LINES.subList(0, 3)) + distinctWords(LINES.subList(3, 5));
            assertThat(E2e.counter(registry, "sluice.shuffle.bytes.written")).isGreaterThan(0);
            assertThat(E2e.counter(registry, "sluice.shuffle.records.written")).isEqualTo(combined);
            // the reducers read exactly what the mappers wrote
            assertThat(E2e.counter(registry, "sluice.shuffle.records.read")).isEqualTo(combined);
            assertThat(E2e.counter(registry, "sluice.shuffle.bytes.read"))
                    .isEqualTo(E2e.counter(registry, "sluice.shuffle.bytes.written"));
            // in: the source lines plus the shuffled records; out: the mappers' words plus the reducers' counts
            assertThat(E2e.counter(registry, "sluice.task.records.in")).isEqualTo(LINES.size() + combined);
            assertThat(E2e.counter(registry, "sluice.task.records.out")).isEqualTo(words + expected.size());
            assertThat(E2e.counter(registry, "sluice.task.failures")).isZero();
            FunctionCounter succeeded = registry.find("sluice.jobs").tag("outcome", "succeeded").functionCounter();
            assertThat(succeeded).isNotNull();
            assertThat(succeeded.count()).isEqualTo(1);

            // a failing job counts as failed
            try {
                sluice.range(0, 4, 2).map(x -> 1 / (x - 3)).count();
            } catch (RuntimeException expectedFailure) {
                // counted below
            }
            FunctionCounter failed = registry.find("sluice.jobs").tag("outcome", "failed").functionCounter();
            assertThat(failed).isNotNull();
            assertThat(failed.count()).isEqualTo(1);
            assertThat(E2e.counter(registry, "sluice.task.failures")).isEqualTo(4);
        }
    }

    @Test
    void theDefaultRegistryHoldsTheMeters() {
        try (Sluice sluice = E2e.local2()) {
            assertThat(sluice.meterRegistry()).isNotNull();
            assertThat(wordCount(sluice).count()).isEqualTo(expectedCounts().size());
            assertThat(sluice.meterRegistry().find("sluice.task.duration").functionTimer().count()).isPositive();
            assertThat(E2e.counter(sluice.meterRegistry(), "sluice.shuffle.records.read")).isPositive();
        }
    }

    @Test
    void theDefaultRegistryMadeAfterAJobShowsWhatTheJobCounted() {
        try (Sluice sluice = E2e.local2()) {
            assertThat(wordCount(sluice).count()).isEqualTo(expectedCounts().size());
            MeterRegistry registry = sluice.meterRegistry();
            assertThat(registry.find("sluice.jobs").tag("outcome", "succeeded").functionCounter().count()).isEqualTo(1);
            assertThat(E2e.counter(registry, "sluice.shuffle.records.read"))
                    .isEqualTo(E2e.counter(registry, "sluice.shuffle.records.written")).isPositive();
            assertThat(sluice.meterRegistry()).isSameAs(registry);
        }
    }

    @Test
    void anApplicationRegistryKeepsTheCountsAfterTheContextIsGone() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sluice sluice = Sluice.builder().master(E2e.MASTER).meterRegistry(registry).create();
        assertThat(wordCount(sluice).count()).isEqualTo(expectedCounts().size());
        sluice.close();
        // Micrometer holds function meters' objects weakly: the meters must not depend on the context. Wait until
        // the context is collected, or the assertions below would prove nothing.
        WeakReference<Sluice> context = new WeakReference<>(sluice);
        sluice = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (context.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertThat(context.get()).as("the closed context, collected").isNull();
        assertThat(E2e.counter(registry, "sluice.shuffle.records.read")).isPositive();
        assertThat(registry.find("sluice.jobs").tag("outcome", "succeeded").functionCounter().count()).isEqualTo(1);
    }

    private static long distinctWords(List<String> lines) {
        return lines.stream().flatMap(line -> Arrays.stream(line.split(" "))).filter(w -> !w.isEmpty())
                .map(w -> w.toUpperCase(java.util.Locale.ROOT)).distinct().count();
    }

    private static int occurrences(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void explainNamesStagesOperatorsPartitionCountsAndCaching() {
        try (Sluice sluice = E2e.local2()) {
            PairDataset<String, Long> counts = wordCount(sluice);
            String plan = counts.explain();
            assertThat(plan)
                    .contains("Stage ")
                    .contains("result, 3 tasks")
                    .contains("writes shuffle")
                    .contains("HashPartitioner(3)")
                    .contains("map-side combine")
                    .contains("reduceByKey [3]")
                    .contains("mapToPair [2]")
                    .contains("map [2]")
                    .contains("filter [2]")
                    .contains("flatMap [2]")
                    .contains("reads shuffle")
                    .contains("MetricsAndExplainTest.java:")
                    .doesNotContain("cached");
            assertThat(occurrences(plan, "Stage ")).isEqualTo(2);
            assertThat(occurrences(plan, "writes shuffle")).isEqualTo(1);
            // operators are listed last first: reduceByKey above the map stage's operators
            assertThat(plan.indexOf("reduceByKey")).isLessThan(plan.indexOf("mapToPair"));
            assertThat(plan.indexOf("mapToPair")).isLessThan(plan.indexOf("flatMap"));

            // explain runs nothing
            assertThat(sluice.meterRegistry().find("sluice.task.duration").functionTimer().count()).isZero();

            Dataset<String> cached = counts.map(p -> p.key() + "=" + p.value()).cache();
            String cachedPlan = cached.sortBy(s -> s).explain();
            assertThat(cachedPlan).contains("(cached: MEMORY_ONLY_SER)").contains("sortByKey").contains("RangePartitioner");
            assertThat(occurrences(cachedPlan, "(cached: MEMORY_ONLY_SER)")).isEqualTo(1);
            assertThat(occurrences(cachedPlan, "writes shuffle")).isEqualTo(2);
            assertThat(counts.persist(StorageLevel.DISK_ONLY).explain()).contains("(cached: DISK_ONLY)");

            // and the plans still run
            assertThat(cached.count()).isEqualTo(expectedCounts().size());
        }
    }

    @Test
    void theExecutionPlanHoldsTheSameStagesAsValues() {
        try (Sluice sluice = E2e.local2()) {
            PairDataset<String, Long> counts = wordCount(sluice);
            ExecutionPlan plan = counts.executionPlan();

            assertThat(plan.stages()).hasSize(2);
            PlanStage map = plan.stages().get(0);
            PlanStage result = plan.result();
            assertThat(result.isResult()).isTrue();
            assertThat(result.tasks()).isEqualTo(3);
            assertThat(result.operators()).extracting(PlanOperator::name).containsExactly("reduceByKey");
            assertThat(result.reads()).containsExactly(new ShuffleRead(map.writes().orElseThrow().shuffleId(), map.id()));
            assertThat(map.writes()).hasValueSatisfying(write -> {
                assertThat(write.partitioner()).isEqualTo("HashPartitioner(3)");
                assertThat(write.mapSideCombine()).isTrue();
            });
            assertThat(map.operators()).extracting(PlanOperator::name)
                    .containsExactly("textFile " + dir.resolve("in"), "flatMap", "filter", "map", "mapToPair");
            assertThat(map.operators()).allSatisfy(op -> {
                assertThat(op.partitions()).isEqualTo(2);
                assertThat(op.isCached()).isFalse();
            });
            assertThat(plan.stage(map.id())).isSameAs(map);
            assertThat(plan.toText()).isEqualTo(plan.toString()).startsWith("Stage " + result.id() + ": result, 3 tasks\n");

            counts.cache().count();
            ExecutionPlan afterRun = counts.mapValues(v -> v + 1).executionPlan();
            assertThat(afterRun.stages().get(0).skipped()).isTrue();
            assertThat(afterRun.result().operators()).extracting(PlanOperator::name, PlanOperator::isCached)
                    .containsExactly(tuple("reduceByKey", true), tuple("mapValues", false));
        }
    }
}
