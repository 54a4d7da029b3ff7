package dev.sluice.executor.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The engine's meters, all named {@code sluice.<area>.<name>}. The engine counts in its own {@link EngineCounter}s
 * (tasks add to them once per task, never per record); {@link #bindTo binding} to a Micrometer registry exposes
 * them as function counters and the task timer as a function timer. Counting does not need Micrometer, so a
 * context whose meters nobody reads never loads it. Task, shuffle, spill and cache meters carry an
 * {@code executor} tag ({@code driver} in local mode); job and stage meters belong to the driver and have none.
 */
public final class EngineMetrics implements MeterBinder {
    /** The tag naming the executor whose tasks a meter counts. */
    public static final String EXECUTOR_TAG = "executor";
    /** The name of the task duration timer. */
    public static final String TASK_DURATION = "sluice.task.duration";

    private final String executorId;
    public final EngineTimer taskDuration = new EngineTimer();
    public final EngineCounter tasksFailed = new EngineCounter("sluice.task.failures", "Task attempts that threw");
    public final EngineCounter recordsIn = new EngineCounter("sluice.task.records.in",
            "Records read by tasks from sources, shuffles and caches");
    public final EngineCounter recordsOut = new EngineCounter("sluice.task.records.out",
            "Records produced by tasks into shuffles or actions");
    public final EngineCounter shuffleBytesWritten = new EngineCounter("sluice.shuffle.bytes.written",
            "Bytes of shuffle data files written");
    public final EngineCounter shuffleRecordsWritten = new EngineCounter("sluice.shuffle.records.written",
            "Records written to shuffle files");
    public final EngineCounter shuffleBytesRead = new EngineCounter("sluice.shuffle.bytes.read",
            "Bytes of shuffle data read by reducers");
    public final EngineCounter shuffleRecordsRead = new EngineCounter("sluice.shuffle.records.read",
            "Records read from shuffle files");
    public final EngineCounter spillBytes = new EngineCounter("sluice.spill.bytes",
            "Bytes written to spill files when execution memory ran out");
    public final EngineCounter spillCount = new EngineCounter("sluice.spill.count", "Spill files written");
    public final EngineCounter cacheHits = new EngineCounter("sluice.cache.hits",
            "Persisted partitions found in the block manager");
    public final EngineCounter cacheMisses = new EngineCounter("sluice.cache.misses",
            "Persisted partitions that had to be computed");
    public final EngineCounter cacheRemoteHits = new EngineCounter("sluice.cache.remote.hits",
            "Persisted partitions read from another executor's cache");
    public final EngineCounter cacheEvictions = new EngineCounter("sluice.cache.evictions",
            "Cached partitions evicted from memory");
    public final EngineCounter cacheSerialized = new EngineCounter("sluice.cache.serialized",
            "Cached object partitions serialized in memory to make room for others");
    public final EngineCounter stageResubmissions = new EngineCounter("sluice.stage.resubmissions",
            "Stage attempts started again after map outputs were lost");
    public final EngineCounter taskLaunches = new EngineCounter("sluice.task.launches",
            "Task attempts the scheduler launched, first attempts and re-runs alike");
    public final EngineCounter jobsSucceeded = new EngineCounter("sluice.jobs", "Jobs");
    public final EngineCounter jobsFailed = new EngineCounter("sluice.jobs", "Jobs");

    private final List<EngineCounter> executorCounters = List.of(tasksFailed, recordsIn, recordsOut,
            shuffleBytesWritten, shuffleRecordsWritten, shuffleBytesRead, shuffleRecordsRead, spillBytes, spillCount,
            cacheHits, cacheMisses, cacheRemoteHits, cacheEvictions, cacheSerialized);

    /** The meters of executor {@code executorId} ({@code driver} in local mode, where it is the only one). */
    public EngineMetrics(String executorId) {
        this.executorId = executorId;
    }

    /**
     * Registers every meter in {@code registry}. The meters keep reading these counts after the context is closed
     * and collected: Micrometer holds a function meter's object weakly, but the functions here hold it strongly.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        bindExecutorMeters(registry);
        counter(stageResubmissions).register(registry);
        counter(taskLaunches).register(registry);
        counter(jobsSucceeded).tag("outcome", "succeeded").register(registry);
        counter(jobsFailed).tag("outcome", "failed").register(registry);
    }

    /**
     * Registers the meters tagged with this executor only: what the driver's registry shows of an executor
     * process, whose job and stage meters do not exist.
     */
    public void bindExecutorMeters(MeterRegistry registry) {
        EngineTimer timer = taskDuration;
        FunctionTimer.builder(TASK_DURATION, timer, t -> timer.count(), t -> timer.totalNanos(), TimeUnit.NANOSECONDS)
                .description("Wall time of successful task attempts").tag(EXECUTOR_TAG, executorId).register(registry);
        for (EngineCounter counter : executorCounters) {
            counter(counter).tag(EXECUTOR_TAG, executorId).register(registry);
        }
    }

    /** A function counter reading {@code counter}, which its function keeps reachable. */
    private static FunctionCounter.Builder<EngineCounter> counter(EngineCounter counter) {
        return FunctionCounter.builder(counter.name(), counter, c -> counter.count()).description(counter.description());
    }

    /** The counters tagged with the executor, which an executor process reports to the driver. */
    public List<EngineCounter> executorCounters() {
        return executorCounters;
    }

    /** The executor counter named {@code name}, if there is one. */
    public Optional<EngineCounter> executorCounter(String name) {
        return executorCounters.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
