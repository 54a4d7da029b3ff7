package dev.sluice.bench;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.function.SerializableComparator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Runs benchmark workloads of {@code ../shared/anchors} on Sluice, written as a user would write
 * them, and prints {@code RESULT sluice <workload> <seconds> s  <digest>} lines comparable with the
 * baseline and Spark runners. Usage: {@code Main DATA_DIR [workload ...]} with
 * {@code -Dbench.master=local[2]} (default) and any {@code -Dsluice.*} configuration. Workloads so
 * far: wordcount, latency.
 */
public final class Main {
    private static final String MASTER = System.getProperty("bench.master", "local[2]");

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Main DATA_DIR [wordcount|latency ...]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        List<String> workloads = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("wordcount", "latency");
        for (String workload : workloads) {
            switch (workload) {
                case "wordcount" -> timed(workload, () -> wordcount(data));
                case "latency" -> latency();
                default -> throw new IllegalArgumentException("Unknown workload '" + workload + "' (known: wordcount, latency)");
            }
        }
    }

    private static void timed(String workload, java.util.function.Supplier<String> job) {
        long start = System.nanoTime();
        String digest = job.get();
        System.out.printf("RESULT sluice %-10s %8.2f s  %s%n", workload, (System.nanoTime() - start) / 1e9, digest);
    }

    /** A context on the bench master, with every {@code -Dsluice.*} system property as configuration. */
    static Sluice context(String appName) {
        Sluice.Builder builder = Sluice.builder().master(MASTER).appName(appName);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("sluice."))
                .forEach(k -> builder.config(k, System.getProperty(k)));
        return builder.create();
    }

    static String wordcount(Path data) {
        try (Sluice sluice = context("bench-wordcount")) {
            PairDataset<String, Long> counts = sluice.textFile(data.resolve("words").toString())
                    .<String>mapMulti((line, out) -> {
                        int start = 0;
                        while (start <= line.length()) {
                            int end = line.indexOf(' ', start);
                            if (end < 0) {
                                end = line.length();
                            }
                            out.accept(line.substring(start, end));
                            start = end + 1;
                        }
                    })
                    .mapToPair(word -> Pair.of(word, 1L))
                    .reduceByKey(Long::sum)
                    .cache();
            long distinct = counts.count();
            long total = counts.values().reduce(Long::sum);
            SerializableComparator<Pair<String, Long>> byCountThenWord = (a, b) -> a.value().equals(b.value())
                    ? a.key().compareTo(b.key()) : Long.compare(b.value(), a.value());
            List<Pair<String, Long>> top = counts.takeOrdered(5, byCountThenWord);
            return "distinct=" + distinct + " total=" + total + " top=" + top;
        }
    }

    /** 20 times: context + 1,000-element map/reduce + close; prints first and median milliseconds. */
    static void latency() {
        List<Integer> input = LongStream.rangeClosed(1, 1000).mapToObj(i -> (int) i).toList();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            int sum;
            try (Sluice sluice = context("bench-latency")) {
                sum = sluice.parallelize(input, 2).map(x -> x * 2).reduce(Integer::sum);
            }
            millis.add((System.nanoTime() - start) / 1e6);
            if (sum != 1_001_000) {
                throw new IllegalStateException("latency job returned " + sum);
            }
        }
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        System.out.printf("RESULT sluice %-10s %8.2f ms median, %.2f ms first  sum=1001000%n", "latency",
                sorted.get(sorted.size() / 2), millis.get(0));
    }
}
