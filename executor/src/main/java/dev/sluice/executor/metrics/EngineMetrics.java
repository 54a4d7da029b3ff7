package dev.sluice.executor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The engine's Micrometer meters, all named {@code sluice.<area>.<name>}. Tasks count locally and
 * add to these once per task, so the registry is never touched per record. Task, shuffle, spill and
 * cache meters carry an {@code executor} tag ({@code driver} in local mode); job and stage meters
 * belong to the driver and have none.
 */
public final class EngineMetrics {
    /** The tag naming the executor whose tasks a meter counts. */
    public static final String EXECUTOR_TAG = "executor";

    private final MeterRegistry registry;
    private final String executorId;
    public final Timer taskDuration;
    public final Counter tasksFailed;
    public final Counter recordsIn;
    public final Counter recordsOut;
    public final Counter shuffleBytesWritten;
    public final Counter shuffleRecordsWritten;
    public final Counter shuffleBytesRead;
    public final Counter shuffleRecordsRead;
    public final Counter spillBytes;
    public final Counter spillCount;
    public final Counter cacheHits;
    public final Counter cacheMisses;
    public final Counter cacheRemoteHits;
    public final Counter cacheEvictions;
    public final Counter cacheSerialized;
    public final Counter stageResubmissions;
    public final Counter jobsSucceeded;
    public final Counter jobsFailed;

    /** The meters of the driver in local mode, where it is the only executor. */
    public EngineMetrics(MeterRegistry registry) {
        this(registry, "driver");
    }

    /** Registers the meters, tagging the task meters with {@code executorId}. */
    public EngineMetrics(MeterRegistry registry, String executorId) {
        this.registry = registry;
        this.executorId = executorId;
        taskDuration = Timer.builder("sluice.task.duration").description("Wall time of successful task attempts")
                .tag(EXECUTOR_TAG, executorId).register(registry);
        tasksFailed = counter("sluice.task.failures", "Task attempts that threw");
        recordsIn = counter("sluice.task.records.in", "Records read by tasks from sources, shuffles and caches");
        recordsOut = counter("sluice.task.records.out", "Records produced by tasks into shuffles or actions");
        shuffleBytesWritten = counter("sluice.shuffle.bytes.written", "Bytes of shuffle data files written");
        shuffleRecordsWritten = counter("sluice.shuffle.records.written", "Records written to shuffle files");
        shuffleBytesRead = counter("sluice.shuffle.bytes.read", "Bytes of shuffle data read by reducers");
        shuffleRecordsRead = counter("sluice.shuffle.records.read", "Records read from shuffle files");
        spillBytes = counter("sluice.spill.bytes", "Bytes written to spill files when execution memory ran out");
        spillCount = counter("sluice.spill.count", "Spill files written");
        cacheHits = counter("sluice.cache.hits", "Persisted partitions found in the block manager");
        cacheMisses = counter("sluice.cache.misses", "Persisted partitions that had to be computed");
        cacheRemoteHits = counter("sluice.cache.remote.hits", "Persisted partitions read from another executor's cache");
        cacheEvictions = counter("sluice.cache.evictions", "Cached partitions evicted from memory");
        cacheSerialized = counter("sluice.cache.serialized",
                "Cached object partitions serialized in memory to make room for others");
        stageResubmissions = driverCounter("sluice.stage.resubmissions", "Stage attempts started again after map outputs were lost");
        jobsSucceeded = Counter.builder("sluice.jobs").tag("outcome", "succeeded").description("Jobs").register(registry);
        jobsFailed = Counter.builder("sluice.jobs").tag("outcome", "failed").description("Jobs").register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag(EXECUTOR_TAG, executorId).register(registry);
    }

    private Counter driverCounter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }


    public MeterRegistry registry() {
        return registry;
    }
}
