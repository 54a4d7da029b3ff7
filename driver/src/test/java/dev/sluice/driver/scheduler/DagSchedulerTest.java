package dev.sluice.driver.scheduler;

import static dev.sluice.driver.scheduler.CountedLineage.byMod3;
import static dev.sluice.driver.scheduler.CountedLineage.cogroup;
import static dev.sluice.driver.scheduler.CountedLineage.collect;
import static dev.sluice.driver.scheduler.CountedLineage.computed;
import static dev.sluice.driver.scheduler.CountedLineage.map;
import static dev.sluice.driver.scheduler.CountedLineage.shuffled;
import static dev.sluice.driver.scheduler.CountedLineage.source;
import static dev.sluice.driver.scheduler.CountedLineage.sumByKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.JobCancelledException;
import dev.sluice.JobFailedException;
import dev.sluice.Pair;
import dev.sluice.TaskNotSerializableException;
import dev.sluice.common.DaemonThreads;
import dev.sluice.driver.scheduler.ScriptedBackend.Held;
import dev.sluice.executor.memory.MemoryManager;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.executor.task.ExecutorServices;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.executor.task.TaskRunner;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.ShuffleDependency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagSchedulerTest {
    private static final AtomicInteger SHUFFLE_IDS = new AtomicInteger();

    @TempDir
    Path temp;

    private LocalDirectory dirs;
    private EngineMetrics metrics;
    private MapOutputTracker mapOutputs;
    private ScriptedBackend backend;
    private DagScheduler scheduler;
    private final List<Thread> started = new ArrayList<>();

    private DagScheduler scheduler(int maxFailures) {
        return scheduler(SchedulerSettings.defaults().withMaxTaskFailures(maxFailures));
    }

    private DagScheduler scheduler(SchedulerSettings settings) {
        dirs = LocalDirectory.create(temp, "scheduler-test");
        metrics = new EngineMetrics("driver");
        mapOutputs = new MapOutputTracker();
        KryoSerializer serializer = new KryoSerializer(SerializerSettings.defaults());
        ExecutorServices services = new ExecutorServices("driver", serializer, new MemoryManager(16L << 20),
                new BlockManager(16L << 20, serializer, dirs, metrics), dirs, mapOutputs,
                new LocalShuffleBlockFetcher(dirs), metrics, getClass().getClassLoader());
        backend = new ScriptedBackend(new TaskRunner(services));
        scheduler = new DagScheduler(backend, mapOutputs, metrics, settings, CacheLocations.NONE);
        return scheduler;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (scheduler != null) {
            scheduler.stop("test over");
        }
        for (Thread t : started) {
            t.join(10_000);
        }
        if (backend != null) {
            backend.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    private static String unique(String name) {
        return name + "-" + SHUFFLE_IDS.incrementAndGet();
    }

    private static List<List<Object>> longs(int partitions, int perPartition) {
        List<List<Object>> out = new ArrayList<>();
        long next = 0;
        for (int p = 0; p < partitions; p++) {
            List<Object> part = new ArrayList<>();
            for (int i = 0; i < perPartition; i++) {
                part.add(next++);
            }
            out.add(part);
        }
        return out;
    }

    private static int[] all(Node<?> node) {
        int[] partitions = new int[node.numPartitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = i;
        }
        return partitions;
    }

    /** Sum of values by key, over all reduce partitions' results. */
    private static Map<Object, Long> sums(List<List<Object>> results) {
        Map<Object, Long> out = new HashMap<>();
        for (List<Object> part : results) {
            for (Object r : part) {
                Pair<?, ?> pair = (Pair<?, ?>) r;
                out.merge(pair.key(), (Long) pair.value(), Long::sum);
            }
        }
        return out;
    }

    private <T> CompletableFuture<T> inThread(java.util.concurrent.Callable<T> job, Thread[] threadOut) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = DaemonThreads.named("job-runner").newThread(() -> {
            try {
                result.complete(job.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        started.add(t);
        if (threadOut != null) {
            threadOut[0] = t;
        }
        t.start();
        return result;
    }

    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job thread never blocked waiting for its job: " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    // ------------------------------------------------------------------ plain jobs

    @Test
    void runsAResultOnlyJobAndReturnsResultsInTheOrderOfTheRequestedPartitions() {
        DagScheduler scheduler = scheduler(4);
        Node<Object> source = source(unique("src"), longs(3, 4));

        List<List<Object>> results = scheduler.runJob(source, new int[] {2, 0}, collect());

        assertThat(results).containsExactly(List.of(8L, 9L, 10L, 11L), List.of(0L, 1L, 2L, 3L));
        assertThat(backend.launched).extracting(TaskDescription::partition).containsExactlyInAnyOrder(2, 0);
        assertThat(backend.launched).extracting(TaskDescription::attempt).containsOnly(0);
        assertThat(metrics.jobsSucceeded.count()).isEqualTo(1);
    }

    @Test
    void noPartitionsMeansNoTasks() {
        DagScheduler scheduler = scheduler(4);

        assertThat(scheduler.runJob(source(unique("src"), longs(2, 1)), new int[0], collect())).isEmpty();
        assertThat(backend.launched).isEmpty();
    }

    @Test
    void runsAShuffleJobMapStageFirst() {
        DagScheduler scheduler = scheduler(4);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(3, 10)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(unique("reduced"), shuffle);

        List<List<Object>> results = scheduler.runJob(reduced, all(reduced), collect());

        assertThat(sums(results)).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 10L, 1L, 10L, 2L, 10L));
        assertThat(backend.launched).hasSize(3 + 2);
        assertThat(metrics.taskLaunches.count()).isEqualTo(3 + 2);
        int mapStage = backend.launched.get(0).stageId();
        assertThat(backend.launched.subList(0, 3)).extracting(TaskDescription::stageId).containsOnly(mapStage);
        assertThat(backend.launched.subList(3, 5)).extracting(TaskDescription::stageId).doesNotContain(mapStage);
        assertThat(mapOutputs.isAvailable(shuffle.shuffleId())).isTrue();
        assertThat(computed(mapName)).isEqualTo(3);
    }

    // ------------------------------------------------------------------ lost map outputs

    @Test
    void aFetchFailureReRunsTheLostMapTaskThenTheReduceStageWithoutFailingTheJob() throws Exception {
        DagScheduler scheduler = scheduler(1);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(3, 10)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(unique("reduced"), shuffle);
        AtomicInteger lost = new AtomicInteger();
        backend.script(task -> {
            if (mapOutputs.isAvailable(shuffle.shuffleId()) && task.stageAttempt() == 0 && task.partition() == 0
                    && lost.getAndIncrement() == 0) {
                // Map output 1 disappears from under the reducer, as when its executor's files are gone.
                return new TaskOutcome.Failure(new FetchFailedException(
                        new ShuffleBlockId(shuffle.shuffleId(), 1, 0), "gone", null));
            }
            return null;
        });

        List<List<Object>> results = scheduler.runJob(reduced, all(reduced), collect());

        assertThat(sums(results)).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 10L, 1L, 10L, 2L, 10L));
        assertThat(computed(mapName)).isEqualTo(4); // three maps, then map 1 again
        assertThat(metrics.stageResubmissions.count()).isEqualTo(1);
        assertThat(metrics.taskLaunches.count()).isEqualTo(backend.launched.size()).isGreaterThan(3 + 2);
        assertThat(mapOutputs.isAvailable(shuffle.shuffleId())).isTrue();
    }

    /**
     * A sum by key of 8 longs over one reduce partition, whose reducers fail to fetch map output 0 ("connection
     * refused") the first {@code failing} times they run (every time when {@code failing} is negative).
     */
    private FailingReduce reducerFailingToFetch(int failing) {
        Node<Object> keyed = map(unique("keyed"), source(unique("src"), longs(2, 4)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 1);
        AtomicInteger failures = new AtomicInteger();
        backend.script(task -> mapOutputs.isAvailable(shuffle.shuffleId()) && task.stageId() == stageOf(task)
                && (failing < 0 || failures.getAndIncrement() < failing)
                ? new TaskOutcome.Failure(new FetchFailedException(new ShuffleBlockId(shuffle.shuffleId(), 0, 0),
                        "connection refused", null))
                : null);
        reducerStage = -1;
        return new FailingReduce(shuffled(unique("reduced"), shuffle), shuffle.shuffleId());
    }

    /** The reducing node of {@link #reducerFailingToFetch}, and the shuffle it reads. */
    private record FailingReduce(Node<Object> reduced, int shuffleId) {
    }

    @Test
    void aStageWhoseFetchesKeepFailingFailsTheJobAfterMaxStageAttemptsNamingStageShuffleAndExecutor() {
        DagScheduler scheduler = scheduler(4);
        FailingReduce job = reducerFailingToFetch(-1);

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(job.reduced(), all(job.reduced()), collect()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("shuffle " + job.shuffleId()).contains("4 attempts")
                .contains("sluice.stage.maxAttempts").contains("executor driver").contains("connection refused");
        assertThat(metrics.stageResubmissions.count()).isEqualTo(4);
    }

    @Test
    void fetchFailuresFromALostExecutorCountAgainstExecutorLossesNotStageAttempts() {
        DagScheduler scheduler = scheduler(SchedulerSettings.defaults().withMaxExecutorLosses(7));
        scheduler.executorLost(MapOutputTracker.DRIVER); // the map outputs' executor, as far as the scheduler knows
        Node<Object> reduced = reducerFailingToFetch(5).reduced();

        List<List<Object>> results = scheduler.runJob(reduced, all(reduced), collect());

        assertThat(sums(results)).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 3L, 1L, 3L, 2L, 2L));
        assertThat(metrics.stageResubmissions.count()).isEqualTo(5); // more than sluice.stage.maxAttempts (4)
    }

    @Test
    void aStageThatKeepsLosingItsInputsExecutorsFailsTheJobNamingTheLimit() {
        DagScheduler scheduler = scheduler(SchedulerSettings.defaults().withMaxExecutorLosses(3));
        scheduler.executorLost(MapOutputTracker.DRIVER);
        Node<Object> reduced = reducerFailingToFetch(-1).reduced();

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(reduced, all(reduced), collect()));

        assertThat(e.getMessage()).contains("lost the executors holding its input 3 times (sluice.task.maxExecutorLosses)")
                .contains("connection refused");
        assertThat(metrics.stageResubmissions.count()).isEqualTo(3);
    }

    private volatile int reducerStage = -1;

    /** The stage id of reduce tasks: those launched while the shuffle is available (the first one seen). */
    private int stageOf(TaskDescription task) {
        if (reducerStage < 0) {
            reducerStage = task.stageId();
        }
        return reducerStage;
    }

    @Test
    void losingAnExecutorRecomputesTheOutputsItHeldForAJobWaitingToReadThem() throws Exception {
        DagScheduler scheduler = scheduler(4);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(2, 6)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(unique("reduced"), shuffle);
        scheduler.runJob(reduced, all(reduced), collect());
        assertThat(computed(mapName)).isEqualTo(2);

        scheduler.executorLost("driver");
        assertThat(mapOutputs.isAvailable(shuffle.shuffleId())).isFalse();
        List<List<Object>> again = scheduler.runJob(reduced, all(reduced), collect());

        assertThat(sums(again)).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 4L, 1L, 4L, 2L, 4L));
        assertThat(computed(mapName)).isEqualTo(4);
    }

    // ------------------------------------------------------------------ retries

    @Test
    void aFailingTaskIsRelaunchedWithTheNextAttemptUntilMaxFailuresThenTheJobFails() {
        DagScheduler scheduler = scheduler(3);
        Node<Object> source = source(unique("src"), longs(3, 2));
        PartitionFunction<Object, List<Object>> failing = (context, records) -> {
            if (context.partitionId() == 1) {
                throw new IllegalStateException("boom in partition 1, attempt " + context.attemptNumber());
            }
            return collect().apply(context, records);
        };

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(source, all(source), failing));

        assertThat(e).isNotNull();
        assertThat(e.partition()).isEqualTo(1);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains("partition 1").contains("attempt 3 of 3").contains("boom in partition 1")
                .contains("job " + e.jobId()).contains("stage " + e.stageId());
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom in partition 1, attempt 2");
        assertThat(backend.attempts(e.stageId(), 1)).containsExactly(0, 1, 2);
        assertThat(backend.attempts(e.stageId(), 0)).containsExactly(0);
        assertThat(backend.attempts(e.stageId(), 2)).containsExactly(0);
        assertThat(metrics.jobsFailed.count()).isEqualTo(1);
        assertThat(metrics.tasksFailed.count()).isEqualTo(3);
    }

    @Test
    void aTaskThatFailsFewerTimesThanAllowedSucceedsOnALaterAttempt() {
        DagScheduler scheduler = scheduler(3);
        Node<Object> source = source(unique("src"), longs(2, 2));
        PartitionFunction<Object, List<Object>> flaky = (context, records) -> {
            if (context.partitionId() == 0 && context.attemptNumber() < 2) {
                throw new IllegalStateException("flaky");
            }
            return collect().apply(context, records);
        };

        List<List<Object>> results = scheduler.runJob(source, all(source), flaky);

        assertThat(results).containsExactly(List.of(0L, 1L), List.of(2L, 3L));
        int stage = backend.launched.get(0).stageId();
        assertThat(backend.attempts(stage, 0)).containsExactly(0, 1, 2);
        assertThat(backend.attempts(stage, 1)).containsExactly(0);
        assertThat(metrics.jobsSucceeded.count()).isEqualTo(1);
    }

    @Test
    void losingTheExecutorDoesNotCountAsATaskFailure() {
        DagScheduler scheduler = scheduler(2);
        backend.script(task -> task.partition() == 0 && task.attempt() < 5
                ? new TaskOutcome.Failure(new ExecutorLostException(String.valueOf(task.attempt()), "SIGKILLed"))
                : null);
        Node<Object> source = source(unique("src"), longs(2, 2));

        List<List<Object>> results = scheduler.runJob(source, all(source), collect());

        assertThat(results).containsExactly(List.of(0L, 1L), List.of(2L, 3L));
        int stage = backend.launched.get(0).stageId();
        assertThat(backend.attempts(stage, 0)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(metrics.jobsSucceeded.count()).isEqualTo(1);
    }

    @Test
    void aTaskThatLosesItsExecutorTooOftenFailsTheJobNamingTheLimit() {
        DagScheduler scheduler = scheduler(SchedulerSettings.defaults().withMaxTaskFailures(2).withMaxExecutorLosses(3));
        backend.script(task -> task.partition() == 1
                ? new TaskOutcome.Failure(new ExecutorLostException(String.valueOf(task.attempt()), "its connection closed"))
                : null);
        Node<Object> source = source(unique("src"), longs(2, 2));

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(source, all(source), collect()));

        assertThat(e).isNotNull();
        assertThat(e.partition()).isEqualTo(1);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains("lost its executor 3 times (sluice.task.maxExecutorLosses)")
                .contains("Executor 2 was lost: its connection closed");
        assertThat(backend.attempts(e.stageId(), 1)).containsExactly(0, 1, 2);
    }

    @Test
    void taskFailuresAndExecutorLossesAreCountedApart() {
        DagScheduler scheduler = scheduler(SchedulerSettings.defaults().withMaxTaskFailures(2).withMaxExecutorLosses(2));
        backend.script(task -> task.partition() != 0 ? null : switch (task.attempt()) {
            case 0 -> new TaskOutcome.Failure(new ExecutorLostException("1", "frozen"));
            case 1 -> new TaskOutcome.Failure(new IllegalStateException("boom"));
            default -> new TaskOutcome.Failure(new IllegalStateException("boom again"));
        });
        Node<Object> source = source(unique("src"), longs(2, 2));

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(source, all(source), collect()));

        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains("failed 2 times (sluice.task.maxFailures), the last on attempt 3")
                .contains("boom again");
    }

    @Test
    void scriptedFailuresAreRetriedAndTheLastOneIsReported() {
        DagScheduler scheduler = scheduler(2);
        RuntimeException first = new RuntimeException("scripted failure 0");
        RuntimeException second = new RuntimeException("scripted failure 1");
        backend.script(task -> task.partition() == 0
                ? new TaskOutcome.Failure(task.attempt() == 0 ? first : second)
                : null);
        Node<Object> source = source(unique("src"), longs(2, 1));

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(source, all(source), collect()));

        assertThat(e.getMessage()).contains("partition 0").contains("attempt 2 of 2");
        assertThat(e.getCause()).isSameAs(second);
        assertThat(backend.attempts(e.stageId(), 0)).containsExactly(0, 1);
    }

    @Test
    void withOneAllowedAttemptTheFirstFailureFailsTheJob() {
        DagScheduler scheduler = scheduler(1);
        backend.script(task -> new TaskOutcome.Failure(new IllegalArgumentException("no")));
        Node<Object> source = source(unique("src"), longs(1, 1));

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(source, all(source), collect()));

        assertThat(e.getMessage()).contains("partition 0").contains("attempt 1 of 1");
        assertThat(backend.launched).hasSize(1);
    }

    @Test
    void aMapTaskFailingEveryAttemptFailsTheJobNamingTheMapStageAndNoResultTaskRuns() {
        DagScheduler scheduler = scheduler(2);
        Node<Object> keyed = map(unique("keyed"), source(unique("src"), longs(2, 3)), (partition, record) -> {
            if (partition == 1) {
                throw new UnsupportedOperationException("map side broke");
            }
            return Pair.of(record, 1L);
        });
        Node<Object> reduced = shuffled(unique("reduced"), sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 3));

        JobFailedException e = catchThrowableOfType(JobFailedException.class,
                () -> scheduler.runJob(reduced, all(reduced), collect()));

        assertThat(e.partition()).isEqualTo(1);
        assertThat(e.getMessage()).contains("partition 1").contains("attempt 2 of 2").contains("map side broke");
        assertThat(e.getCause()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(backend.attempts(e.stageId(), 1)).containsExactly(0, 1);
        assertThat(backend.launched).extracting(TaskDescription::stageId).containsOnly(e.stageId());
    }

    @Test
    void aTaskThrowingInterruptedExceptionOfItsOwnIsAFailureNotAHang() throws Exception {
        // Nobody cancelled the job: the exception is the user's, so it is retried and then fails the job.
        DagScheduler scheduler = scheduler(2);
        Node<Object> source = source(unique("src"), longs(1, 1));
        PartitionFunction<Object, Object> function = (context, records) -> {
            throw new InterruptedException("user code gave up waiting");
        };

        CompletableFuture<List<Object>> job = inThread(() -> scheduler.runJob(source, all(source), function), null);

        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> job.get(10, TimeUnit.SECONDS));
        assertThat(e).as("the job ended").isNotNull();
        assertThat(e.getCause()).isInstanceOf(JobFailedException.class).hasMessageContaining("attempt 2 of 2");
        assertThat(e.getCause().getCause()).isInstanceOf(InterruptedException.class)
                .hasMessage("user code gave up waiting");
        assertThat(backend.launched).extracting(TaskDescription::attempt).containsExactly(0, 1);
    }

    @Test
    void theSchedulerStaysUsableAfterAFailedJob() {
        DagScheduler scheduler = scheduler(1);
        Node<Object> failing = map(unique("failing"), source(unique("src"), longs(1, 1)), (partition, record) -> {
            throw new IllegalStateException("always");
        });
        assertThatThrownBy(() -> scheduler.runJob(failing, all(failing), collect())).isInstanceOf(JobFailedException.class);

        Node<Object> fine = source(unique("src"), longs(2, 1));

        assertThat(scheduler.runJob(fine, all(fine), collect())).containsExactly(List.of(0L), List.of(1L));
    }

    // ------------------------------------------------------------------ reuse of shuffle outputs

    @Test
    void aJobWhoseMapOutputAlreadyExistsDoesNotRelaunchTheMapStage() {
        DagScheduler scheduler = scheduler(4);
        String mapName = unique("keyed");
        String reduceName = unique("reduced");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(3, 10)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(reduceName, shuffle);
        List<List<Object>> first = scheduler.runJob(reduced, all(reduced), collect());
        assertThat(computed(mapName)).isEqualTo(3);
        int launchedByFirst = backend.launched.size();

        List<List<Object>> second = scheduler.runJob(reduced, all(reduced), collect());
        Node<Object> downstream = map(unique("after"), reduced, (partition, record) -> record);
        List<List<Object>> third = scheduler.runJob(downstream, new int[] {1}, collect());

        assertThat(computed(mapName)).as("map side computed once").isEqualTo(3);
        assertThat(computed(reduceName)).isEqualTo(2 + 2 + 1);
        List<TaskDescription> later = backend.launched.subList(launchedByFirst, backend.launched.size());
        assertThat(later).extracting(TaskDescription::partition).containsExactly(0, 1, 1);
        assertThat(sums(second)).isEqualTo(sums(first));
        assertThat(third).containsExactly(second.get(1));
    }

    @Test
    void lineageAboveAnAvailableShuffleIsNotRecomputedEvenWhenItsOwnShuffleIsGone() {
        DagScheduler scheduler = scheduler(4);
        String keyedName = unique("keyed");
        String rekeyedName = unique("rekeyed");
        Node<Object> keyed = map(keyedName, source(unique("src"), longs(2, 6)), byMod3());
        ShuffleDependency first = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> rekeyed = map(rekeyedName, shuffled(unique("firstReduce"), first),
                (partition, record) -> Pair.of("all", ((Pair<?, ?>) record).value()));
        ShuffleDependency second = sumByKey(rekeyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> result = shuffled(unique("secondReduce"), second);
        List<List<Object>> expected = scheduler.runJob(result, all(result), collect());
        assertThat(sums(expected)).isEqualTo(Map.of("all", 12L));
        int before = backend.launched.size();

        scheduler.removeShuffle(first.shuffleId());
        dirs.removeShuffle(first.shuffleId());
        List<List<Object>> again = scheduler.runJob(result, all(result), collect());

        assertThat(again).isEqualTo(expected);
        assertThat(backend.launched.size() - before).as("only the result tasks").isEqualTo(2);
        assertThat(computed(keyedName)).isEqualTo(2);
        assertThat(computed(rekeyedName)).isEqualTo(2);
        assertThat(scheduler.plan(result).stages()).hasSize(2);
    }

    @Test
    void aRemovedShuffleIsWrittenAgainByTheNextJob() {
        DagScheduler scheduler = scheduler(4);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(2, 6)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(unique("reduced"), shuffle);
        Map<Object, Long> expected = sums(scheduler.runJob(reduced, all(reduced), collect()));

        scheduler.removeShuffle(shuffle.shuffleId());
        dirs.removeShuffle(shuffle.shuffleId());

        assertThat(mapOutputs.isAvailable(shuffle.shuffleId())).isFalse();
        assertThat(sums(scheduler.runJob(reduced, all(reduced), collect()))).isEqualTo(expected);
        assertThat(computed(mapName)).isEqualTo(4);
    }

    @Test
    void aPartlyAvailableShuffleOnlyRunsItsMissingMapTasks() {
        DagScheduler scheduler = scheduler(4);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(3, 3)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(unique("reduced"), shuffle);
        Map<Object, Long> expected = sums(scheduler.runJob(reduced, all(reduced), collect()));
        List<MapStatus> statuses = backend.outcomes.stream()
                .filter(o -> o instanceof TaskOutcome.Success s && s.value() instanceof MapStatus)
                .map(o -> (MapStatus) ((TaskOutcome.Success) o).value()).toList();
        assertThat(statuses).extracting(MapStatus::mapId).containsExactlyInAnyOrder(0, 1, 2);
        // the output of map 1 is lost
        mapOutputs.removeShuffle(shuffle.shuffleId());
        mapOutputs.registerShuffle(shuffle.shuffleId(), 3);
        statuses.stream().filter(st -> st.mapId() != 1).forEach(mapOutputs::registerMapOutput);
        int before = backend.launched.size();

        Map<Object, Long> again = sums(scheduler.runJob(reduced, all(reduced), collect()));

        assertThat(again).isEqualTo(expected);
        assertThat(computed(mapName)).isEqualTo(4);
        List<TaskDescription> later = backend.launched.subList(before, backend.launched.size());
        assertThat(later).hasSize(3);
        assertThat(later.get(0).partition()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ concurrency and cancellation

    @Test
    void independentMapStagesAreLaunchedTogether() throws Exception {
        DagScheduler scheduler = scheduler(4);
        backend.hold(true);
        Node<Object> left = map(unique("left"), source(unique("src"), longs(1, 3)), byMod3());
        Node<Object> right = map(unique("right"), source(unique("src"), longs(1, 3)), byMod3());
        Node<Object> join = cogroup(unique("join"), SHUFFLE_IDS::incrementAndGet, left, right);

        CompletableFuture<List<List<Object>>> job = inThread(() -> scheduler.runJob(join, all(join), collect()), null);
        Held first = backend.nextHeld();
        Held second = backend.nextHeld();

        assertThat(first.task().stageId()).as("both map stages run before either finishes")
                .isNotEqualTo(second.task().stageId());
        backend.release(first);
        backend.release(second);
        Held result = backend.nextHeld();
        backend.release(result);
        List<List<Object>> results = job.get(10, TimeUnit.SECONDS);
        List<Long> one = List.of(1L);
        assertThat(results.get(0)).containsExactlyInAnyOrder(
                Pair.of(0L, List.of(one, one)), Pair.of(1L, List.of(one, one)), Pair.of(2L, List.of(one, one)));
        assertThat(backend.launched).hasSize(3);
    }

    @Test
    void concurrentJobsNeedingTheSameShuffleShareOneRunOfItsMapStage() throws Exception {
        DagScheduler scheduler = scheduler(4);
        backend.hold(true);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(2, 3)), byMod3());
        ShuffleDependency shuffle = sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2);
        Node<Object> reduced = shuffled(unique("reduced"), shuffle);
        Node<Object> other = map(unique("other"), reduced, (partition, record) -> record);

        CompletableFuture<List<List<Object>>> jobA = inThread(() -> scheduler.runJob(reduced, all(reduced), collect()), null);
        Held map0 = backend.nextHeld();
        Held map1 = backend.nextHeld();
        Thread[] threadB = new Thread[1];
        CompletableFuture<List<List<Object>>> jobB = inThread(() -> scheduler.runJob(other, all(other), collect()), threadB);
        awaitWaiting(threadB[0]);

        assertThat(backend.held).as("job B launched no map tasks of its own").isEmpty();
        backend.release(map0);
        backend.release(map1);
        for (int i = 0; i < 4; i++) {
            backend.release(backend.nextHeld());
        }

        assertThat(sums(jobA.get(10, TimeUnit.SECONDS))).isEqualTo(sums(jobB.get(10, TimeUnit.SECONDS)));
        assertThat(computed(mapName)).isEqualTo(2);
        assertThat(backend.launched).hasSize(2 + 2 + 2);
    }

    @Test
    void cancellingOneOfTwoJobsSharingAMapStageKeepsTheMapTasksForTheOther() throws Exception {
        DagScheduler scheduler = scheduler(4);
        backend.hold(true);
        String mapName = unique("keyed");
        Node<Object> keyed = map(mapName, source(unique("src"), longs(2, 3)), byMod3());
        Node<Object> reduced = shuffled(unique("reduced"), sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2));
        Node<Object> other = map(unique("other"), reduced, (partition, record) -> record);
        Thread[] threadA = new Thread[1];
        CompletableFuture<List<List<Object>>> jobA = inThread(() -> scheduler.runJob(reduced, all(reduced), collect()), threadA);
        Held map0 = backend.nextHeld();
        Held map1 = backend.nextHeld();
        Thread[] threadB = new Thread[1];
        CompletableFuture<List<List<Object>>> jobB = inThread(() -> scheduler.runJob(other, all(other), collect()), threadB);
        awaitWaiting(threadB[0]);
        awaitWaiting(threadA[0]);

        threadA[0].interrupt();
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> jobA.get(10, TimeUnit.SECONDS));

        assertThat(e.getCause()).isInstanceOf(JobCancelledException.class);
        assertThat(backend.killed).as("job B still needs the map tasks").isEmpty();
        backend.release(map0);
        backend.release(map1);
        backend.release(backend.nextHeld());
        backend.release(backend.nextHeld());
        assertThat(jobB.get(10, TimeUnit.SECONDS)).hasSize(2);
        assertThat(computed(mapName)).isEqualTo(2);
    }

    @Test
    void aFailedMapStageFailsEveryJobWaitingForIt() throws Exception {
        DagScheduler scheduler = scheduler(1);
        backend.hold(true);
        Node<Object> keyed = map(unique("keyed"), source(unique("src"), longs(1, 3)), byMod3());
        Node<Object> reduced = shuffled(unique("reduced"), sumByKey(keyed, SHUFFLE_IDS.incrementAndGet(), 2));
        Node<Object> other = map(unique("other"), reduced, (partition, record) -> record);
        CompletableFuture<List<List<Object>>> jobA = inThread(() -> scheduler.runJob(reduced, all(reduced), collect()), null);
        Held mapTask = backend.nextHeld();
        Thread[] threadB = new Thread[1];
        CompletableFuture<List<List<Object>>> jobB = inThread(() -> scheduler.runJob(other, all(other), collect()), threadB);
        awaitWaiting(threadB[0]);

        backend.script(task -> new TaskOutcome.Failure(new IllegalStateException("disk full")));
        backend.release(mapTask);

        for (CompletableFuture<List<List<Object>>> job : List.of(jobA, jobB)) {
            ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> job.get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(JobFailedException.class).hasMessageContaining("disk full")
                    .hasMessageContaining("partition 0");
        }
        assertThat(backend.launched).hasSize(1);
    }

    @Test
    void stopCancelsRunningJobsKillsTheirTasksAndRefusesNewJobs() throws Exception {
        DagScheduler scheduler = scheduler(4);
        backend.hold(true);
        Node<Object> source = source(unique("src"), longs(2, 1));
        CompletableFuture<List<List<Object>>> job = inThread(() -> scheduler.runJob(source, all(source), collect()), null);
        Held a = backend.nextHeld();
        Held b = backend.nextHeld();

        scheduler.stop("the test closed it");

        assertThat(backend.killed).containsExactlyInAnyOrder(a.task().taskId(), b.task().taskId());
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> job.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(JobCancelledException.class).hasMessageContaining("the test closed it");
        assertThatThrownBy(() -> scheduler.runJob(source, all(source), collect()))
                .isInstanceOf(IllegalStateException.class);
        scheduler.stop("again"); // idempotent
    }

    @Test
    void interruptingTheCallerCancelsItsJobAndKillsItsTasks() throws Exception {
        DagScheduler scheduler = scheduler(4);
        backend.hold(true);
        Node<Object> source = source(unique("src"), longs(1, 1));
        Thread[] runner = new Thread[1];
        CompletableFuture<List<List<Object>>> job = inThread(() -> scheduler.runJob(source, all(source), collect()), runner);
        Held task = backend.nextHeld();
        awaitWaiting(runner[0]);

        runner[0].interrupt();

        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> job.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(JobCancelledException.class).hasMessageContaining("interrupted");
        assertThat(backend.killed).containsExactly(task.task().taskId());
        assertThat(metrics.jobsFailed.count()).isEqualTo(1);

        backend.hold(false);
        assertThat(scheduler.runJob(source, all(source), collect())).containsExactly(List.of(0L));
    }

    @Test
    void aJobThatCannotBeSerializedFailsBeforeAnyTaskRuns() {
        DagScheduler scheduler = scheduler(4);
        Object notSerializable = new Object();
        PartitionFunction<Object, Object> function = (context, records) -> notSerializable.hashCode();
        Node<Object> source = source(unique("src"), longs(2, 1));

        assertThatThrownBy(() -> scheduler.runJob(source, all(source), function))
                .isInstanceOf(TaskNotSerializableException.class);
        assertThat(backend.launched).isEmpty();
    }

    @Test
    void resultOrderIsKeptWhenTasksFinishOutOfOrder() throws Exception {
        DagScheduler scheduler = scheduler(4);
        backend.hold(true);
        Node<Object> source = source(unique("src"), longs(3, 1));
        CompletableFuture<List<List<Object>>> job = inThread(() -> scheduler.runJob(source, new int[] {0, 1, 2}, collect()), null);
        List<Held> held = new ArrayList<>(List.of(backend.nextHeld(), backend.nextHeld(), backend.nextHeld()));
        held.sort(Comparator.comparingInt((Held h) -> h.task().partition()).reversed());

        for (Held h : held) {
            backend.release(h);
        }

        assertThat(job.get(10, TimeUnit.SECONDS)).containsExactly(List.of(0L), List.of(1L), List.of(2L));
    }
}
