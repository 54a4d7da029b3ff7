package dev.sluice.bench.jmh;

import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.RecordInput;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.SerializerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The record stream of shuffle files and spills: {@link KryoSerializer} writing, and reading back, 10k
 * (String, Long) key/value records through {@code newOutput}/{@code newInput} over an in-memory byte
 * stream (default settings: no registration required, no reference tracking), and as many text lines of the
 * sort workload's shape (a 10-character key, an 84-character payload). Scores are nanoseconds per record (key and
 * value).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SerializerBenchmark {

    private static final int RECORDS = 10_000;

    private KryoSerializer serializer;
    private String[] keys;
    private Long[] values;
    private byte[] serialized;
    private String[] lineKeys;
    private String[] linePayloads;
    private byte[] serializedLines;

    /** Builds the records and their serialized form. */
    @Setup
    public void setUp() {
        serializer = new KryoSerializer(SerializerSettings.defaults());
        List<KV<String, Long>> records = Data.stringLongRecords(RECORDS, RECORDS);
        keys = new String[RECORDS];
        values = new Long[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            keys[i] = records.get(i).key();
            values[i] = records.get(i).value();
        }
        serialized = write().toByteArray();
        SplittableRandom random = new SplittableRandom(7);
        lineKeys = new String[RECORDS];
        linePayloads = new String[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            lineKeys[i] = printable(random, 10);
            linePayloads[i] = printable(random, 84);
        }
        serializedLines = writeLines().toByteArray();
    }

    private static String printable(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) random.nextInt('!', '~' + 1);
        }
        return new String(chars);
    }

    /** Serializes the 10k text lines as (key, payload) string pairs. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public ByteArrayOutputStream writeLines() {
        return writePairs(lineKeys, linePayloads, 1024 * 1024);
    }

    /** Deserializes the 10k text lines. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void readLines(Blackhole blackhole) {
        readPairs(serializedLines, blackhole);
    }

    /** Serializes the 10k records into a byte array stream. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public ByteArrayOutputStream write() {
        return writePairs(keys, values, 256 * 1024);
    }

    /** Deserializes the 10k records from a byte array stream. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void read(Blackhole blackhole) {
        readPairs(serialized, blackhole);
    }

    /** Writes {@code first[i]} and {@code second[i]} for every record into a stream sized {@code capacity}. */
    private ByteArrayOutputStream writePairs(Object[] first, Object[] second, int capacity) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(capacity);
        try (RecordOutput out = serializer.newOutput(bytes)) {
            for (int i = 0; i < RECORDS; i++) {
                out.write(first[i]);
                out.write(second[i]);
            }
        }
        return bytes;
    }

    /** Reads back what {@link #writePairs} wrote, two objects per record. */
    private void readPairs(byte[] pairs, Blackhole blackhole) {
        try (RecordInput in = serializer.newInput(new ByteArrayInputStream(pairs))) {
            while (!in.atEnd()) {
                blackhole.consume(in.read());
                blackhole.consume(in.read());
            }
        }
    }
}
