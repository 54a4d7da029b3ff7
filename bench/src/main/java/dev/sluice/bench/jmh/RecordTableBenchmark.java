package dev.sluice.bench.jmh;

import dev.sluice.shuffle.collection.RecordTable;
import dev.sluice.shuffle.memory.TaskMemory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The build and probe sides of a hash join: {@link RecordTable#add} of 500k records into a fresh table (the build
 * side), then {@link RecordTable#match} of 500k probe keys, half of them absent. Keys are {@code distinctKeys}
 * distinct Strings ({@link #stringKeys}) or Longs ({@link #longKeys}, which take the table's unboxed-key path),
 * pre-built and drawn uniformly at random. Scores are nanoseconds per record (one add and one probe).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RecordTableBenchmark {

    private static final int RECORDS = 500_000;

    /** How many distinct keys the build side has. */
    @Param({"1000", "200000"})
    public int distinctKeys;

    private String[] strings;
    private String[] stringProbes;
    private Long[] longs;
    private Long[] longProbes;
    private Long[] values;

    /** Draws the build records and the probe keys. */
    @Setup
    public void setUp() {
        String[] stringPool = Data.stringKeys(2 * distinctKeys); // the second half is never built
        Long[] longPool = new Long[2 * distinctKeys];
        SplittableRandom random = new SplittableRandom(Data.SEED);
        for (int i = 0; i < longPool.length; i++) {
            longPool[i] = random.nextLong(); // spread over the whole range, not consecutive
        }
        strings = new String[RECORDS];
        stringProbes = new String[RECORDS];
        longs = new Long[RECORDS];
        longProbes = new Long[RECORDS];
        values = new Long[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            int key = random.nextInt(distinctKeys);
            strings[i] = stringPool[key];
            longs[i] = longPool[key];
            int probe = random.nextInt(2 * distinctKeys);
            stringProbes[i] = stringPool[probe];
            longProbes[i] = longPool[probe];
            values[i] = random.nextLong(1_000_000L);
        }
    }

    /** Builds a table of the records by their String keys and probes it. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long stringKeys() {
        return buildAndProbe(strings, stringProbes);
    }

    /** Builds a table of the records by their Long keys and probes it. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long longKeys() {
        return buildAndProbe(longs, longProbes);
    }

    private <K> long buildAndProbe(K[] keys, K[] probes) {
        try (RecordTable<K, Long> table = new RecordTable<>(TaskMemory.unlimited())) {
            for (int i = 0; i < RECORDS; i++) {
                table.add(keys[i], values[i]);
            }
            long matched = 0;
            for (K probe : probes) {
                List<Long> found = table.match(probe);
                if (found != null) {
                    matched += found.size();
                }
            }
            return matched;
        }
    }
}
