package dev.sluice.bench.jmh;

import dev.sluice.Pair;
import dev.sluice.Sluice;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole jobs through the public API on a one-thread local context ({@code Sluice.local(1)}, created once
 * per trial), over {@code range(0, 1M)} in one partition: the narrow-operator pipeline
 * {@code map → filter → mapMulti → count} ({@link #narrow}), and {@code mapToPair → reduceByKey(Long::sum)
 * → count} over 1000 keys ({@link #reduceByKey}, one shuffle with map-side combining). Each invocation is
 * a full job, so planning, task serialization and scheduling are included. Scores are nanoseconds per
 * input element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PipelineBenchmark {

    private static final int ELEMENTS = 1_000_000;
    /** x + 1 is [1, 1M]: 666,667 are not multiples of 3, and 333,334 of those are even and emit twice. */
    private static final long NARROW_COUNT = 1_000_001L;
    private static final long KEYS = 1000;

    private Sluice sluice;

    /** Starts the local context and checks both jobs' answers once. */
    @Setup(Level.Trial)
    public void setUp() {
        sluice = Sluice.local(1);
        check("narrow", narrow(), NARROW_COUNT);
        check("reduceByKey", reduceByKey(), KEYS);
    }

    /** Stops the context. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sluice.close();
    }

    /** map, filter and mapMulti (one or two outputs per element), then count. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long narrow() {
        return sluice.range(0, ELEMENTS, 1)
                .map(x -> x + 1)
                .filter(x -> x % 3 != 0)
                .<Long>mapMulti((Long x, Consumer<Long> out) -> {
                    out.accept(x);
                    if (x % 2 == 0) {
                        out.accept(-x);
                    }
                })
                .count();
    }

    /** Sums 1M ones over 1000 keys with reduceByKey, then counts the keys. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long reduceByKey() {
        return sluice.range(0, ELEMENTS, 1)
                .mapToPair(x -> Pair.of(x % KEYS, 1L))
                .reduceByKey(Long::sum)
                .count();
    }

    private static void check(String job, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(job + " counted " + actual + ", expected " + expected);
        }
    }
}
