package dev.sluice.bench.jmh;

import dev.sluice.common.record.Combiner;
import dev.sluice.shuffle.collection.CombineMap;
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
 * Map-side and reduce-side combining: {@link CombineMap#addValue} of 1M records into a fresh map with a
 * {@code Long::sum} combiner, over {@code distinctKeys} distinct keys that are either Strings
 * ({@link #stringKeys}) or Longs ({@link #longKeys}, which take the map's unboxed-key path). Keys and
 * values are pre-built objects drawn uniformly at random, so boxing and key creation are not measured
 * (and String hash codes are cached after the first pass). Scores are nanoseconds per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CombineMapBenchmark {

    private static final int RECORDS = 1_000_000;
    private static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);

    /** How many distinct keys the 1M records have. */
    @Param({"1000", "200000"})
    public int distinctKeys;

    private String[] strings;
    private Long[] longs;
    private Long[] values;

    /** Draws the keys and values of the 1M records. */
    @Setup
    public void setUp() {
        String[] stringPool = Data.stringKeys(distinctKeys);
        Long[] longPool = new Long[distinctKeys];
        SplittableRandom random = new SplittableRandom(Data.SEED);
        for (int i = 0; i < distinctKeys; i++) {
            longPool[i] = random.nextLong(); // spread over the whole range, not consecutive
        }
        strings = new String[RECORDS];
        longs = new Long[RECORDS];
        values = new Long[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            int key = random.nextInt(distinctKeys);
            strings[i] = stringPool[key];
            longs[i] = longPool[key];
            values[i] = random.nextLong(1_000_000L);
        }
    }

    /** Combines the 1M records by their String keys. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public CombineMap<String, Long> stringKeys() {
        CombineMap<String, Long> map = new CombineMap<>();
        for (int i = 0; i < RECORDS; i++) {
            map.addValue(strings[i], values[i], SUM);
        }
        return map;
    }

    /** Combines the 1M records by their Long keys. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public CombineMap<Long, Long> longKeys() {
        CombineMap<Long, Long> map = new CombineMap<>();
        for (int i = 0; i < RECORDS; i++) {
            map.addValue(longs[i], values[i], SUM);
        }
        return map;
    }
}
