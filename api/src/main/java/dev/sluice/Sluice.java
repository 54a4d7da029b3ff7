package dev.sluice;

import dev.sluice.lineage.ParallelCollectionNode;
import dev.sluice.lineage.RangeNode;
import dev.sluice.lineage.TextFileNode;
import dev.sluice.lineage.WholeTextFilesNode;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.io.FileSplit;
import dev.sluice.io.TextInputPlanner;
import dev.sluice.io.WholeTextFiles;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Node;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.RuntimeProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point of a Sluice program: creates datasets from collections, ranges and files, and
 * owns the runtime that executes their jobs. Close it to stop the runtime and delete its
 * temporary files.
 *
 * <pre>{@code
 * try (Sluice sluice = Sluice.local()) {
 *     long evens = sluice.range(0, 1_000).filter(x -> x % 2 == 0).count();
 * }
 * }</pre>
 */
public final class Sluice implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final SluiceConfig config;
    private final String appId;
    private final Runtime runtime;
    private final AtomicInteger nodeIds = new AtomicInteger();
    private final AtomicInteger shuffleIds = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sluice(SluiceConfig config, MeterRegistrySource registry) {
        this.config = config;
        String name = config.get(ConfigKeys.APP_NAME).replaceAll("[^A-Za-z0-9_.-]", "_");
        this.appId = name + "-" + randomHex8();
        this.runtime = findProvider(config.get(ConfigKeys.MASTER)).create(appId, config, registry);
    }

    /**
     * Eight random hex digits. Not from {@code UUID.randomUUID()}: seeding its {@code SecureRandom} costs a fresh
     * JVM about 15 ms, and an application id needs no secrecy.
     */
    private static String randomHex8() {
        long value = ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL;
        return Long.toHexString(value | 1L << 32).substring(1); // the extra digit keeps leading zeros
    }

    /** Local mode with one task thread per core. */
    public static Sluice local() {
        return builder().master("local[*]").create();
    }

    /** Local mode with {@code threads} task threads. */
    public static Sluice local(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("Number of threads must be positive, got " + threads);
        }
        return builder().master("local[" + threads + "]").create();
    }

    /** A builder for master, application name, configuration and metrics registry. */
    public static Builder builder() {
        return new Builder();
    }

    private static RuntimeProvider findProvider(String master) {
        RuntimeProvider provider = Providers.accepting(master);
        if (provider != null) {
            return provider;
        }
        throw new ConfigException("No runtime accepts master '" + master + "' (expected local, local[N], local[*],"
                + " local-cluster[N,C,M] or sluice://HOST:PORT; is sluice-driver, or sluice-cluster-manager for"
                + " sluice://, on the classpath?)");
    }

    /**
     * The runtime providers of Sluice's class path. The loader reads every jar's service files once and keeps the
     * providers it made; they are made in class path order only until one accepts the master, so that local mode
     * does not load the cluster modes' classes.
     */
    private static final class Providers {
        private static final ServiceLoader<RuntimeProvider> LOADER =
                ServiceLoader.load(RuntimeProvider.class, Sluice.class.getClassLoader());

        /** The first provider accepting {@code master}, or null. */
        static synchronized RuntimeProvider accepting(String master) { // a ServiceLoader is not thread-safe
            for (RuntimeProvider provider : LOADER) {
                if (provider.accepts(master)) {
                    return provider;
                }
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- sources

    /** A dataset of the elements of {@code data}, in the default number of partitions. */
    public <T> Dataset<T> parallelize(List<T> data) {
        return parallelize(data, defaultParallelism());
    }

    /** A dataset of the elements of {@code data}, cut into {@code partitions} contiguous slices. */
    public <T> Dataset<T> parallelize(List<T> data, int partitions) {
        ensureOpen();
        Objects.requireNonNull(data, "data");
        requirePositive(partitions, "partitions");
        return new Dataset<>(this, new ParallelCollectionNode<>(nextNodeId(), CallSite.capture(), data, partitions));
    }

    /** A keyed dataset of the pairs of {@code data}, in the default number of partitions. */
    public <K, V> PairDataset<K, V> parallelizePairs(List<Pair<K, V>> data) {
        return parallelizePairs(data, defaultParallelism());
    }

    /** A keyed dataset of the pairs of {@code data}, cut into {@code partitions} contiguous slices. */
    public <K, V> PairDataset<K, V> parallelizePairs(List<Pair<K, V>> data, int partitions) {
        return new PairDataset<>(this, parallelize(data, partitions).node);
    }

    /** The longs {@code [start, end)} in the default number of partitions. */
    public Dataset<Long> range(long startInclusive, long endExclusive) {
        return range(startInclusive, endExclusive, defaultParallelism());
    }

    /** The longs {@code [start, end)} in {@code partitions} contiguous ranges. */
    public Dataset<Long> range(long startInclusive, long endExclusive, int partitions) {
        ensureOpen();
        requirePositive(partitions, "partitions");
        return new Dataset<>(this, new RangeNode(nextNodeId(), CallSite.capture(), startInclusive, endExclusive, partitions));
    }

    /** The lines of a text file, of the files in a directory, or of the files matching a glob. */
    public Dataset<String> textFile(String path) {
        return textFile(path, Math.min(defaultParallelism(), 2));
    }

    /**
     * The lines of a text file, directory or glob, in at least {@code minPartitions} partitions
     * (more for large files: each partition reads at most {@code sluice.files.maxPartitionBytes}).
     * The path is resolved now: a missing path fails here, naming it.
     */
    public Dataset<String> textFile(String path, int minPartitions) {
        ensureOpen();
        Objects.requireNonNull(path, "path");
        requirePositive(minPartitions, "minPartitions");
        List<FileSplit> splits = TextInputPlanner.plan(path, minPartitions, config.get(ConfigKeys.FILES_MAX_PARTITION_BYTES));
        return new Dataset<>(this, new TextFileNode(nextNodeId(), path, CallSite.capture(), splits));
    }

    /** One (file URI, whole content) pair per file of a file, directory or glob. */
    public PairDataset<String, String> wholeTextFiles(String path) {
        return wholeTextFiles(path, Math.min(defaultParallelism(), 2));
    }

    /** One (file URI, whole content) pair per file, grouped into at most {@code minPartitions} partitions. */
    public PairDataset<String, String> wholeTextFiles(String path, int minPartitions) {
        ensureOpen();
        Objects.requireNonNull(path, "path");
        requirePositive(minPartitions, "minPartitions");
        List<List<Path>> plan = WholeTextFiles.plan(path, minPartitions);
        return new PairDataset<>(this, new WholeTextFilesNode(nextNodeId(), path, CallSite.capture(), plan));
    }

    /** A dataset with no elements (in one empty partition). */
    public <T> Dataset<T> emptyDataset() {
        return parallelize(List.of(), 1);
    }

    // ---------------------------------------------------------------- context

    /** Partitions used by sources and shuffles when the caller does not say. */
    public int defaultParallelism() {
        int configured = config.get(ConfigKeys.DEFAULT_PARALLELISM);
        return configured > 0 ? configured : runtime.defaultParallelism();
    }

    /** The validated configuration. */
    public SluiceConfig config() {
        return config;
    }

    /** This application's id, e.g. {@code wordcount-1f2e3d4c}. */
    public String appId() {
        return appId;
    }

    /**
     * The registry holding Sluice's meters ({@code sluice.*}): the one given to the builder, else a private
     * {@link SimpleMeterRegistry} made by the first call.
     */
    public MeterRegistry meterRegistry() {
        return runtime.meterRegistry();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Cancels running jobs, stops the runtime and deletes its temporary files. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.close();
        }
    }

    // ---------------------------------------------------------------- for datasets

    Runtime runtime() {
        ensureOpen();
        return runtime;
    }

    int nextNodeId() {
        return nodeIds.incrementAndGet();
    }

    int nextShuffleId() {
        return shuffleIds.incrementAndGet();
    }

    /**
     * Deletes the outputs of {@code node}'s shuffles once the node is garbage collected, i.e. once
     * no dataset can read them any more (as Spark's ContextCleaner does).
     */
    <N extends Node<?>> N tracked(N node) {
        Runtime rt = runtime;
        AtomicBoolean isClosed = closed;
        for (dev.sluice.spi.Dependency dependency : node.dependencies()) {
            if (dependency instanceof dev.sluice.spi.ShuffleDependency shuffle) {
                int id = shuffle.shuffleId();
                CLEANER.register(node, () -> {
                    if (!isClosed.get()) {
                        rt.removeShuffle(id);
                    }
                });
            }
        }
        return node;
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This Sluice context (" + appId + ") is closed; create a new one");
        }
    }

    void checkSameContext(Dataset<?> other) {
        if (other.sluice != this) {
            throw new IllegalArgumentException("Cannot combine datasets of two different Sluice contexts");
        }
    }

    static void requirePositive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException("Number of " + what + " must be positive, got " + n);
        }
    }

    <T> Dataset<T> wrap(Node<T> node) {
        return new Dataset<>(this, node);
    }

    /** Builds a {@link Sluice} context. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private MeterRegistry registry;

        private Builder() {
        }

        /**
         * Where jobs run: {@code local}, {@code local[N]} or {@code local[*]} (this JVM), {@code local-cluster[N,C,M]}
         * (executor JVMs on this machine) or {@code sluice://HOST:PORT} (a standalone cluster).
         */
        public Builder master(String master) {
            settings.put(ConfigKeys.MASTER.name(), Objects.requireNonNull(master, "master"));
            return this;
        }

        /** The application's name. */
        public Builder appName(String name) {
            settings.put(ConfigKeys.APP_NAME.name(), Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Sets a configuration value; unknown keys and bad values fail in {@link #create()}. */
        public Builder config(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** Sets several configuration values. */
        public Builder config(Map<String, String> values) {
            values.forEach(this::config);
            return this;
        }

        /** Registers Sluice's meters in {@code registry} instead of a private {@link SimpleMeterRegistry}. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Validates the configuration and starts the runtime. Settings made on this builder win over the JVM's
         * system properties named like known keys (which is how {@code bin/sluice submit} passes its master and
         * configuration to a program), which win over the defaults.
         */
        public Sluice create() {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : System.getProperties().stringPropertyNames()) {
                if (ConfigKeys.find(name).isPresent()) {
                    values.put(name, System.getProperty(name));
                }
            }
            values.putAll(settings);
            SluiceConfig config = SluiceConfig.of(values);
            return new Sluice(config, registry != null ? MeterRegistrySource.of(registry) : MeterRegistrySource.onDemand());
        }
    }
}
