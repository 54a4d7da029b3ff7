package dev.sluice.executor;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.local.LocalBackend;
import dev.sluice.executor.memory.MemoryManager;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.scheduler.DagScheduler;
import dev.sluice.executor.shuffle.MapOutputTracker;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.executor.task.ExecutorServices;
import dev.sluice.executor.task.TaskRunner;
import dev.sluice.plan.ExecutionPlan;
import dev.sluice.planner.PlanDescriber;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.Runtime;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine inside one JVM: a {@link DagScheduler} driving a {@link LocalBackend} thread pool,
 * with the memory manager, block manager and shuffle files of a single executor. The same
 * scheduler and task runner serve the cluster modes; only the backend and the block fetcher change.
 */
public final class LocalRuntime implements Runtime {
    private static final long RESERVED_BYTES = 300L << 20;

    private final int threads;
    private final MeterRegistry registry;
    private final LocalDirectory dirs;
    private final BlockManager blocks;
    private final LocalBackend backend;
    private final DagScheduler scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalRuntime(String appId, SluiceConfig config, MeterRegistry registry, int threads) {
        this.threads = threads;
        this.registry = registry;
        EngineMetrics metrics = new EngineMetrics(registry);
        long managed = managedMemory(config);
        long storage = (long) (managed * config.get(ConfigKeys.MEMORY_STORAGE_FRACTION));
        ClassLoader loader = classLoader();
        KryoSerializer serializer = new KryoSerializer(new SerializerSettings(
                config.get(ConfigKeys.SERIALIZER_REGISTRATION_REQUIRED),
                config.get(ConfigKeys.SERIALIZER_REFERENCE_TRACKING),
                classNames(config.get(ConfigKeys.SERIALIZER_CLASSES)), loader));
        this.dirs = LocalDirectory.create(Path.of(config.get(ConfigKeys.LOCAL_DIR)), appId);
        MapOutputTracker mapOutputs = new MapOutputTracker();
        this.blocks = new BlockManager(storage, serializer, dirs, metrics);
        ExecutorServices services = new ExecutorServices(serializer, new MemoryManager(managed - storage), blocks, dirs,
                mapOutputs, new LocalShuffleBlockFetcher(dirs), metrics, loader);
        this.backend = new LocalBackend(appId, threads, new TaskRunner(services));
        this.scheduler = new DagScheduler(backend, mapOutputs, metrics, config.get(ConfigKeys.TASK_MAX_FAILURES));
    }

    private static long managedMemory(SluiceConfig config) {
        long configured = config.get(ConfigKeys.MEMORY_MAX_BYTES);
        if (configured > 0) {
            return configured;
        }
        long heap = java.lang.Runtime.getRuntime().maxMemory();
        long usable = Math.max(heap - RESERVED_BYTES, heap / 2);
        return (long) (usable * config.get(ConfigKeys.MEMORY_FRACTION));
    }

    private static List<String> classNames(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : LocalRuntime.class.getClassLoader();
    }

    @Override
    public int defaultParallelism() {
        return threads;
    }

    @Override
    public <T, U> List<U> runJob(Node<T> node, int[] partitions, PartitionFunction<T, U> function) {
        ensureOpen();
        for (int p : partitions) {
            if (p < 0 || p >= node.numPartitions()) {
                throw new IllegalArgumentException("Partition " + p + " does not exist in " + node + " ("
                        + node.numPartitions() + " partitions)");
            }
        }
        prepare(node, Collections.newSetFromMap(new IdentityHashMap<>()));
        return scheduler.runJob(node, partitions, function);
    }

    /** Prepares the lineage parents first (sampling for range partitions, offsets for zipWithIndex). */
    private void prepare(Node<?> node, Set<Node<?>> seen) {
        if (!seen.add(node)) {
            return;
        }
        for (Dependency dependency : node.dependencies()) {
            prepare(dependency.parent(), seen);
        }
        node.prepare(this);
    }

    @Override
    public ExecutionPlan explain(Node<?> node) {
        ensureOpen();
        return PlanDescriber.describe(scheduler.plan(node));
    }

    @Override
    public void unpersist(Node<?> node) {
        blocks.removeNode(node.id());
    }

    @Override
    public void removeShuffle(int shuffleId) {
        if (!closed.get()) {
            scheduler.removeShuffle(shuffleId);
            dirs.removeShuffle(shuffleId);
        }
    }

    @Override
    public MeterRegistry meterRegistry() {
        return registry;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The Sluice runtime is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            scheduler.stop("the Sluice context was closed");
            backend.close();
            blocks.close();
            dirs.close();
        }
    }
}
