package dev.sluice.bench.jmh;

import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.read.ShuffleReader;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.sort.ExternalAggregator;
import dev.sluice.shuffle.sort.ExternalSorter;
import dev.sluice.shuffle.write.ShuffleMapWriter;
import dev.sluice.shuffle.write.ShuffleWriteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reduce side of a shuffle. The trial writes the {@link ShuffleWriteBenchmark} records (200k
 * (String, Long) records, 50k distinct keys) as 4 map outputs of 50k records in 8 partitions, without a
 * combiner; each invocation then reads all 8 reduce partitions back (4 blocks each) with
 * {@link ShuffleReader#read} and a {@link LocalShuffleBlockFetcher}, and either only consumes the
 * records ({@link #read}), merges them by key with an {@link ExternalAggregator}
 * ({@code insertAllCombiners}, {@code Long::sum}, {@link #aggregate}) or sorts them by key with an
 * {@link ExternalSorter}, by comparator ({@link #sort}) or by key prefix first ({@link #sortByPrefix}); the last
 * three with unlimited memory or a 256 KiB budget that
 * makes them spill (checked at the end of the trial). Scores are nanoseconds per record read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ShuffleReadBenchmark {

    private static final int MAPS = 4;
    private static final int SHUFFLE_ID = 0;

    private Path tempDir;
    private LocalDirectory dirs;
    private KryoSerializer serializer;
    private LocalShuffleBlockFetcher fetcher;
    /** The blocks of each reduce partition, one per map output. */
    private List<List<ShuffleBlockId>> blocksByReducer;

    /** The memory of the aggregator or sorter, and a check that a budget made it spill. */
    @State(Scope.Thread)
    public static class Memory {

        /** Task memory budget in bytes; 0 means {@link TaskMemory#unlimited()}. */
        @Param({"0", "262144"})
        public long memoryBudget;

        TaskMemory memory;
        SpillCounter spills;

        /** Creates the task memory. */
        @Setup(Level.Trial)
        public void setUp() {
            memory = memoryBudget == 0 ? TaskMemory.unlimited() : TaskMemory.fixed(memoryBudget);
            spills = new SpillCounter();
        }

        /** Checks that a budget made the aggregator or sorter spill. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (memoryBudget > 0) {
                spills.requireSpilled("The reduce-side merge", memoryBudget);
            }
        }
    }

    /** Writes the map outputs into a temporary directory. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        tempDir = Files.createTempDirectory("sluice-jmh-read-");
        dirs = LocalDirectory.create(tempDir, "jmh");
        serializer = new KryoSerializer(SerializerSettings.defaults());
        fetcher = new LocalShuffleBlockFetcher(dirs);
        List<KV<String, Long>> records =
                Data.stringLongRecords(ShuffleWriteBenchmark.RECORDS, ShuffleWriteBenchmark.DISTINCT_KEYS);
        int perMap = records.size() / MAPS;
        ShuffleMapWriter writer =
                new ShuffleMapWriter(dirs, serializer, TaskMemory.unlimited(), ShuffleMetricsListener.NONE);
        for (int map = 0; map < MAPS; map++) {
            ShuffleWriteSpec<String, Long, Long> spec = new ShuffleWriteSpec<>(SHUFFLE_ID, map,
                    ShuffleWriteBenchmark.PARTITIONS, ShuffleWriteBenchmark::partitionOf, null);
            writer.write(spec, records.subList(map * perMap, (map + 1) * perMap).iterator(), KV.shape());
        }
        blocksByReducer = new ArrayList<>();
        for (int reducer = 0; reducer < ShuffleWriteBenchmark.PARTITIONS; reducer++) {
            List<ShuffleBlockId> blocks = new ArrayList<>();
            for (int map = 0; map < MAPS; map++) {
                blocks.add(new ShuffleBlockId(SHUFFLE_ID, map, reducer));
            }
            blocksByReducer.add(blocks);
        }
    }

    /** Deletes the map outputs and the temporary directory. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        dirs.close();
        Files.deleteIfExists(tempDir); // empty now: closing the local directory deleted its tree
    }

    /** Reads every record of every reduce partition. */
    @Benchmark
    @OperationsPerInvocation(ShuffleWriteBenchmark.RECORDS)
    public void read(Blackhole blackhole) {
        for (List<ShuffleBlockId> blocks : blocksByReducer) {
            try (CloseableIterator<KV<String, Long>> records = reader(blocks)) {
                while (records.hasNext()) {
                    blackhole.consume(records.next());
                }
            }
        }
    }

    /** Reads every reduce partition and sums its values by key, as {@code reduceByKey} does. */
    @Benchmark
    @OperationsPerInvocation(ShuffleWriteBenchmark.RECORDS)
    public void aggregate(Memory memory, Blackhole blackhole) {
        for (List<ShuffleBlockId> blocks : blocksByReducer) {
            ExternalAggregator<String, Long, Long> aggregator = new ExternalAggregator<>(
                    ShuffleWriteBenchmark.SUM, dirs, serializer, memory.memory, memory.spills);
            try (CloseableIterator<KV<String, Long>> records = reader(blocks)) {
                aggregator.insertAllCombiners(records, KV.shape());
            }
            try (CloseableIterator<KV<String, Long>> merged = aggregator.iterator(KV.shape())) {
                while (merged.hasNext()) {
                    blackhole.consume(merged.next());
                }
            }
        }
    }

    /**
     * Reads every reduce partition and sorts it by key with the comparator alone, holding the pairs as objects, as
     * {@code sortByKey(comparator)} does.
     */
    @Benchmark
    @OperationsPerInvocation(ShuffleWriteBenchmark.RECORDS)
    public void sort(Memory memory, Blackhole blackhole) {
        sortEachPartition(null, memory, blackhole);
    }

    /**
     * Reads every reduce partition and sorts it by key prefix, then comparator, holding the pairs serialized, as
     * {@code sortByKey()} does.
     */
    @Benchmark
    @OperationsPerInvocation(ShuffleWriteBenchmark.RECORDS)
    public void sortByPrefix(Memory memory, Blackhole blackhole) {
        sortEachPartition(KeyPrefix.naturalOrder(true), memory, blackhole);
    }

    private void sortEachPartition(KeyPrefix prefix, Memory memory, Blackhole blackhole) {
        for (List<ShuffleBlockId> blocks : blocksByReducer) {
            ExternalSorter<String, Long> sorter = new ExternalSorter<>(
                    Comparator.naturalOrder(), prefix, dirs, serializer, memory.memory, memory.spills);
            try (CloseableIterator<KV<String, Long>> records = reader(blocks)) {
                sorter.insertAll(records, KV.shape());
            }
            try (CloseableIterator<KV<String, Long>> sorted = sorter.sortedIterator(KV.shape())) {
                while (sorted.hasNext()) {
                    blackhole.consume(sorted.next());
                }
            }
        }
    }

    private CloseableIterator<KV<String, Long>> reader(List<ShuffleBlockId> blocks) {
        return ShuffleReader.read(fetcher, blocks, serializer, KV.shape(), ShuffleMetricsListener.NONE);
    }
}
