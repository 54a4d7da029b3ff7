package dev.sluice.dist.apps;

import dev.sluice.Pair;
import dev.sluice.Sluice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A test application whose map tasks wait at a gate, so that tests can break the cluster while the job runs:
 * {@code GatedSum GATE_DIR OUTPUT_FILE}. Each map task attempt marks {@code GATE_DIR/started-P-A} and waits until
 * {@code GATE_DIR/open} exists; the job then sums {@code i % 7} by key over 0..99,999 and writes
 * {@code key=sum} lines, sorted, to the output file.
 */
public final class GatedSum {
    private GatedSum() {
    }

    public static void main(String[] args) throws IOException {
        Path gate = Path.of(args[0]);
        Path output = Path.of(args[1]);
        try (Sluice sluice = Sluice.builder().appName("GatedSum").create()) {
            String gateDir = gate.toString();
            List<Pair<Long, Long>> sums = sluice.range(0, 100_000, 8)
                    .mapPartitions(values -> {
                        awaitGate(gateDir);
                        return values;
                    })
                    .mapToPair(i -> Pair.of(i % 7, i))
                    .reduceByKey(Long::sum, 4)
                    .collect();
            String text = sums.stream().sorted((a, b) -> Long.compare(a.key(), b.key()))
                    .map(p -> p.key() + "=" + p.value()).collect(Collectors.joining("\n"));
            Files.writeString(output, text + "\n");
        }
    }

    /** Marks this attempt started and waits for the gate (in the task; a test opens it). */
    private static void awaitGate(String gateDir) {
        Path dir = Path.of(gateDir);
        try {
            Files.createTempFile(dir, "started-", "");
            while (!Files.exists(dir.resolve("open"))) {
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }

    /** How many map task attempts have reached the gate in {@code gateDir} (for tests waiting on a running job). */
    public static long attemptsAtGate(Path gateDir) {
        try (java.util.stream.Stream<Path> files = Files.list(gateDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("started-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output a correct run writes. */
    public static String expected() {
        return LongStream.range(0, 7).mapToObj(k -> k + "=" + LongStream.range(0, 100_000).filter(i -> i % 7 == k).sum())
                .collect(Collectors.joining("\n")) + "\n";
    }
}
