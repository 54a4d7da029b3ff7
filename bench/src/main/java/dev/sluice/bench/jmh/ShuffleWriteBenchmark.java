package dev.sluice.bench.jmh;

import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.write.ShuffleMapWriter;
import dev.sluice.shuffle.write.ShuffleWriteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
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

/**
 * The map side of a shuffle: {@link ShuffleMapWriter#write} of 200k (String, Long) records with 50k
 * distinct keys into 8 hash partitions, committed as a data file and an index file in a temporary
 * directory; without a combiner (records serialized as they come) or with a {@code Long::sum} map-side
 * combiner, and with unlimited memory or a 1 MiB budget that makes the writer spill (checked at the end
 * of the trial). Each invocation's output is deleted after it (outside the measurement). Scores are
 * nanoseconds per input record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ShuffleWriteBenchmark {

    static final int RECORDS = 200_000;
    static final int DISTINCT_KEYS = 50_000;
    static final int PARTITIONS = 8;
    static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);
    private static final int SHUFFLE_ID = 0;

    /** Whether records are combined by key on the map side. */
    @Param({"false", "true"})
    public boolean combine;

    /** Task memory budget in bytes; 0 means {@link TaskMemory#unlimited()}. */
    @Param({"0", "1048576"})
    public long memoryBudget;

    private Path tempDir;
    private LocalDirectory dirs;
    private ShuffleMapWriter writer;
    private ShuffleWriteSpec<String, Long, Long> spec;
    private List<KV<String, Long>> records;
    private SpillCounter spills;

    /** Creates the temporary directory, the writer and the records. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        tempDir = Files.createTempDirectory("sluice-jmh-write-");
        dirs = LocalDirectory.create(tempDir, "jmh");
        spills = new SpillCounter();
        TaskMemory memory = memoryBudget == 0 ? TaskMemory.unlimited() : TaskMemory.fixed(memoryBudget);
        writer = new ShuffleMapWriter(dirs, new KryoSerializer(SerializerSettings.defaults()), memory, spills);
        spec = new ShuffleWriteSpec<>(SHUFFLE_ID, 0, PARTITIONS, ShuffleWriteBenchmark::partitionOf,
                combine ? SUM : null);
        records = Data.stringLongRecords(RECORDS, DISTINCT_KEYS);
    }

    /** Writes and commits the map output of the 200k records. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public MapStatus write() {
        return writer.write(spec, records.iterator(), KV.shape());
    }

    /** Deletes the committed output, so the next invocation commits afresh instead of finding it there. */
    @TearDown(Level.Invocation)
    public void removeOutput() {
        dirs.removeShuffle(SHUFFLE_ID);
    }

    /** Deletes the temporary directory and checks that a small budget did make the writer spill. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        dirs.close();
        Files.deleteIfExists(tempDir); // empty now: closing the local directory deleted its tree
        if (memoryBudget > 0) {
            spills.requireSpilled("ShuffleMapWriter (combine=" + combine + ")", memoryBudget);
        }
    }

    /** Hash partitioning, like the engine's default partitioner. */
    static int partitionOf(Object key) {
        return Math.floorMod(Objects.hashCode(key), PARTITIONS);
    }
}
