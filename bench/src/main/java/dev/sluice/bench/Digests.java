package dev.sluice.bench;

import dev.sluice.Pair;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The result digests of the sort and pagerank workloads, in exactly the format of the anchors
 * README, so they compare equal with the other runners' digests.
 */
public final class Digests {
    /** The Mersenne prime 2^61 − 1, modulus of the sort checksum. */
    static final long M61 = (1L << 61) - 1;

    private Digests() {
    }

    /**
     * Reads the {@code part-*} files of a sorted text output in name order, taking the first 10
     * characters of each line as its key: {@code count=… ordered=… first=… last=… checksum=…}, the
     * checksum being Σ i·(key_i.hashCode() & 0x7fffffff) mod 2^61−1 over 1-based positions i.
     */
    public static String sortDigest(Path outputDir) throws IOException {
        List<Path> parts;
        try (Stream<Path> files = Files.list(outputDir)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        long position = 0;
        long checksum = 0;
        String first = null;
        String last = null;
        boolean ordered = true;
        for (Path part : parts) {
            try (BufferedReader reader = Files.newBufferedReader(part, StandardCharsets.US_ASCII)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String key = line.substring(0, 10);
                    if (first == null) {
                        first = key;
                    }
                    if (last != null && last.compareTo(key) > 0) {
                        ordered = false;
                    }
                    last = key;
                    position++;
                    checksum = (checksum + position * (key.hashCode() & 0x7fffffffL) % M61) % M61;
                }
            }
        }
        return "count=" + position + " ordered=" + ordered + " first=" + first + " last=" + last + " checksum=" + checksum;
    }

    /**
     * {@code vertices=… sum=… top=v:rank,…}: the number of ranked vertices, the sum of ranks (4
     * decimals) and the top 5 by rank descending then id ascending (6 decimals).
     */
    public static String rankDigest(Collection<Pair<Integer, Double>> ranks) {
        double sum = 0;
        for (Pair<Integer, Double> rank : ranks) {
            sum += rank.value();
        }
        Comparator<Pair<Integer, Double>> byRankDescThenId = Comparator
                .comparing((Pair<Integer, Double> p) -> p.value(), Comparator.reverseOrder())
                .thenComparing(Pair::key);
        String top = ranks.stream().sorted(byRankDescThenId).limit(5)
                .map(p -> p.key() + ":" + String.format(Locale.ROOT, "%.6f", p.value()))
                .collect(Collectors.joining(","));
        return "vertices=" + ranks.size() + " sum=" + String.format(Locale.ROOT, "%.4f", sum) + " top=" + top;
    }

    /** Deletes {@code dir} and everything under it; does nothing if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.toList());
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
