package dev.sluice.examples;

import dev.sluice.Sluice;

import java.nio.file.Files;
import java.nio.file.Path;

/** Sorts a million pseudo-random numbers into range partitions and writes them as text files. */
public final class SortExample {
    private SortExample() {
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sluice-sort-").resolve("sorted");
        try (Sluice sluice = Sluice.builder().appName("SortExample").create()) {
            sluice.range(0, 1_000_000, 4)
                    .map(i -> (i * 2654435761L) % 1_000_003)
                    .sortBy(x -> x)
                    .saveAsTextFile(out.toString());
        }
        try (var parts = Files.list(out)) {
            parts.sorted().forEach(p -> System.out.println(p.getFileName() + "  " + p.toFile().length() + " bytes"));
        }
    }
}
