package dev.sluice.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Small, seeded input files in the layout and formats of the benchmark data ({@code words/},
 * {@code pairs/}, {@code dim/}, {@code sort/}, {@code graph/}), with the traits the workloads care
 * about: skewed words, keys missing from the dimension table, duplicate sort keys, duplicate edges.
 * The tests need no data from outside the repository: expected digests are computed from these
 * files by plain Java.
 */
public final class TinyData {
    private TinyData() {
    }

    /** Writes the data at its smallest size (a few hundred kilobytes) into {@code dir}. */
    public static void write(Path dir) throws IOException {
        write(dir, 1);
    }

    /**
     * Writes the data with {@code factor} times as many lines of words, pairs, sort records and edges (the
     * vocabulary, key ranges and dimension table stay the same), for runs that should take seconds rather than
     * milliseconds. Factor 1 writes exactly the files of {@link #write(Path)}.
     */
    public static void write(Path dir, int factor) throws IOException {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, not " + factor);
        }
        SplittableRandom random = new SplittableRandom(20261125L);
        words(dir.resolve("words"), random, factor);
        pairs(dir.resolve("pairs"), random, factor);
        dim(dir.resolve("dim"), random);
        sort(dir.resolve("sort"), random, factor);
        graph(dir.resolve("graph"), random, factor);
    }

    private static BufferedWriter file(Path dir, int part) throws IOException {
        Files.createDirectories(dir);
        return Files.newBufferedWriter(dir.resolve(String.format("part-%02d.txt", part)), StandardCharsets.US_ASCII);
    }

    private static void words(Path dir, SplittableRandom random, int factor) throws IOException {
        for (int part = 0; part < 3; part++) {
            try (BufferedWriter out = file(dir, part)) {
                for (int line = 0; line < 2_000 * factor; line++) {
                    int n = 1 + random.nextInt(8);
                    for (int w = 0; w < n; w++) {
                        // squaring skews towards small ids, like the Zipf words of the real data
                        double u = random.nextDouble();
                        out.write((w == 0 ? "" : " ") + "w" + Integer.toString((int) (u * u * 500), 36));
                    }
                    out.newLine();
                }
            }
        }
    }

    private static void pairs(Path dir, SplittableRandom random, int factor) throws IOException {
        for (int part = 0; part < 3; part++) {
            try (BufferedWriter out = file(dir, part)) {
                for (int line = 0; line < 4_000 * factor; line++) {
                    out.write(random.nextInt(1_500) + "\t" + random.nextInt(1_000_000));
                    out.newLine();
                }
            }
        }
    }

    private static void dim(Path dir, SplittableRandom random) throws IOException {
        try (BufferedWriter out = file(dir, 0)) {
            for (int key = 0; key < 1_200; key++) {
                if (random.nextInt(10) == 0) {
                    continue; // some pair keys find no name
                }
                StringBuilder name = new StringBuilder();
                for (int i = 3 + random.nextInt(7); i > 0; i--) {
                    name.append((char) ('a' + random.nextInt(26)));
                }
                out.write(key + "\t" + name);
                out.newLine();
            }
        }
    }

    private static void sort(Path dir, SplittableRandom random, int factor) throws IOException {
        for (int part = 0; part < 2; part++) {
            try (BufferedWriter out = file(dir, part)) {
                for (int line = 0; line < 3_000 * factor; line++) {
                    StringBuilder key = new StringBuilder();
                    for (int i = 0; i < 10; i++) {
                        // a narrow alphabet in front makes duplicate and shared-prefix keys
                        key.append((char) (i < 3 ? '!' + random.nextInt(4) : '!' + random.nextInt(94)));
                    }
                    out.write(key + "\tpayload-" + random.nextInt(1_000));
                    out.newLine();
                }
            }
        }
    }

    private static void graph(Path dir, SplittableRandom random, int factor) throws IOException {
        for (int part = 0; part < 2; part++) {
            try (BufferedWriter out = file(dir, part)) {
                for (int line = 0; line < 3_000 * factor; line++) {
                    int src = random.nextInt(400);
                    int dst = random.nextInt(10) < 3 ? random.nextInt(20) : random.nextInt(400);
                    out.write(src + "\t" + dst);
                    out.newLine();
                }
            }
        }
    }
}
