package dev.sluice.executor;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.memory.MemoryManager;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.executor.task.ExecutorServices;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.tracker.MapOutputLookup;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One executor's memory, blocks, files and serializer, built the same way for local mode's driver and for
 * an executor process; closing it drops the blocks and deletes the executor's directory.
 */
public final class ExecutorEnvironment implements AutoCloseable {
    private static final long RESERVED_BYTES = 300L << 20;

    private final ExecutorServices services;

    private ExecutorEnvironment(ExecutorServices services) {
        this.services = services;
    }

    /**
     * Builds an executor's services.
     *
     * @param executorId the executor's id ({@code driver} in local mode)
     * @param dirs       the executor's own directory (deleted on close)
     * @param mapOutputs where its reduce tasks find map outputs
     * @param fetcher    makes the block fetcher from the executor's directory
     */
    public static ExecutorEnvironment create(String executorId, SluiceConfig config, EngineMetrics metrics,
                                             LocalDirectory dirs, MapOutputLookup mapOutputs,
                                             Function<LocalDirectory, ShuffleBlockFetcher> fetcher) {
        long managed = managedMemory(config);
        long storageFloor = (long) (managed * config.get(ConfigKeys.MEMORY_STORAGE_FRACTION));
        ClassLoader loader = classLoader();
        KryoSerializer serializer = serializer(config, loader);
        MemoryManager memory = new MemoryManager(managed, storageFloor);
        BlockManager blocks = BlockManager.unified(memory, serializer, dirs, metrics);
        return new ExecutorEnvironment(new ExecutorServices(executorId, serializer, memory,
                blocks, dirs, mapOutputs, fetcher.apply(dirs), metrics, loader));
    }

    /**
     * The data serializer the configuration describes, resolving classes through {@code loader}. The API's own
     * record type {@link dev.sluice.Pair} is always registered, so results of pair datasets travel to the driver
     * when registration is required.
     */
    public static KryoSerializer serializer(SluiceConfig config, ClassLoader loader) {
        List<String> classes = new java.util.ArrayList<>(List.of(dev.sluice.Pair.class.getName()));
        for (String name : classNames(config.get(ConfigKeys.SERIALIZER_CLASSES))) {
            if (!classes.contains(name)) {
                classes.add(name);
            }
        }
        return new KryoSerializer(new SerializerSettings(
                config.get(ConfigKeys.SERIALIZER_REGISTRATION_REQUIRED),
                config.get(ConfigKeys.SERIALIZER_REFERENCE_TRACKING), classes, loader));
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

    /** The thread's context class loader (a notebook's or test's), else this library's. */
    public static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ExecutorEnvironment.class.getClassLoader();
    }

    /** What the executor's tasks use. */
    public ExecutorServices services() {
        return services;
    }

    @Override
    public void close() {
        services.blocks().close();
        services.dirs().close();
    }
}
