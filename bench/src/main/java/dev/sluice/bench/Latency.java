package dev.sluice.bench;

import dev.sluice.Sluice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code latency}: 20 times in one JVM, open a context, run {@code parallelize(1..1000, 2).map(x*2).reduce(sum)}
 * (which must be 1001000) and close it. Reads no data; reports the median and first wall times in
 * milliseconds.
 */
public final class Latency implements Workload {
    private static final int ROUNDS = 20;
    private static final int EXPECTED_SUM = 1_001_000;

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String run(Path dataDir) {
        List<Integer> input = IntStream.rangeClosed(1, 1000).boxed().toList();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            int sum;
            try (Sluice sluice = BenchContext.create("bench-latency")) {
                sum = sluice.parallelize(input, 2).map(x -> x * 2).reduce(Integer::sum);
            }
            millis.add((System.nanoTime() - start) / 1e6);
            if (sum != EXPECTED_SUM) {
                throw new IllegalStateException("latency job returned " + sum + ", expected " + EXPECTED_SUM);
            }
        }
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return String.format(Locale.ROOT, "%8.2f ms median, %.2f ms first  sum=%d",
                sorted.get(sorted.size() / 2), millis.get(0), EXPECTED_SUM);
    }
}
