package dev.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The digests of the anchors README computed the plain way, with JDK collections and no Sluice,
 * as the answers the workloads are checked against.
 */
public final class ExpectedDigests {
    private static final long MOD = (1L << 61) - 1;

    private ExpectedDigests() {
    }

    /** The digest of {@code workload} over the data in {@code data}, computed by plain Java. */
    public static String of(String workload, Path data) throws IOException {
        return switch (workload) {
            case "wordcount" -> wordcount(data);
            case "aggregate" -> aggregate(data);
            case "groupby" -> groupby(data);
            case "join" -> join(data);
            case "sort" -> sort(data);
            case "pagerank" -> pagerank(data);
            default -> throw new IllegalArgumentException(workload);
        };
    }

    /** Every line of every file in {@code data/dir}, files in name order. */
    private static List<String> lines(Path data, String dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(data.resolve(dir))) {
            files = list.sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.US_ASCII));
        }
        return lines;
    }

    private static String wordcount(Path data) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (String line : lines(data, "words")) {
            for (String word : line.split(" ", -1)) {
                counts.merge(word, 1L, Long::sum);
                total++;
            }
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
                : a.getKey().compareTo(b.getKey()));
        StringBuilder top = new StringBuilder("[");
        for (int i = 0; i < Math.min(5, entries.size()); i++) {
            top.append(i > 0 ? ", " : "").append('(').append(entries.get(i).getKey()).append(',')
                    .append(entries.get(i).getValue()).append(')');
        }
        return "distinct=" + counts.size() + " total=" + total + " top=" + top.append(']');
    }

    /** The pairs file as key → values, in file order. */
    private static Map<Long, List<Long>> groups(Path data) throws IOException {
        Map<Long, List<Long>> groups = new HashMap<>();
        for (String line : lines(data, "pairs")) {
            String[] fields = line.split("\t");
            groups.computeIfAbsent(Long.parseLong(fields[0]), k -> new ArrayList<>()).add(Long.parseLong(fields[1]));
        }
        return groups;
    }

    private static String aggregate(Path data) throws IOException {
        Map<Long, Long> sums = new HashMap<>();
        groups(data).forEach((key, values) -> sums.put(key, values.stream().mapToLong(Long::longValue).sum()));
        long total = sums.values().stream().mapToLong(Long::longValue).sum();
        return "distinct=" + sums.size() + " total=" + total + " k0=" + sums.get(0L) + " k1=" + sums.get(1L) + " k2=" + sums.get(2L);
    }

    private static String groupby(Path data) throws IOException {
        Map<Long, List<Long>> groups = groups(data);
        int max = groups.values().stream().mapToInt(List::size).max().orElse(0);
        long sum = groups.values().stream().mapToLong(List::size).sum();
        return "distinct=" + groups.size() + " maxGroup=" + max + " sumSizes=" + sum;
    }

    private static String join(Path data) throws IOException {
        Map<Long, String> names = new HashMap<>();
        for (String line : lines(data, "dim")) {
            String[] fields = line.split("\t");
            names.put(Long.parseLong(fields[0]), fields[1]);
        }
        long rows = 0;
        long evenSum = 0;
        for (String line : lines(data, "pairs")) {
            String[] fields = line.split("\t");
            String name = names.get(Long.parseLong(fields[0]));
            if (name != null) {
                rows++;
                if (name.length() % 2 == 0) {
                    evenSum += Long.parseLong(fields[1]);
                }
            }
        }
        return "rows=" + rows + " evenNameValueSum=" + evenSum;
    }

    private static String sort(Path data) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : lines(data, "sort")) {
            keys.add(line.substring(0, 10));
        }
        keys.sort(null);
        long checksum = 0;
        for (int i = 0; i < keys.size(); i++) {
            long weight = (long) (i + 1) * (keys.get(i).hashCode() & 0x7fffffff);
            checksum = (checksum + weight % MOD) % MOD;
        }
        return "count=" + keys.size() + " ordered=true first=" + (keys.isEmpty() ? null : keys.get(0))
                + " last=" + (keys.isEmpty() ? null : keys.get(keys.size() - 1)) + " checksum=" + checksum;
    }

    private static String pagerank(Path data) throws IOException {
        Map<Integer, Set<Integer>> links = new TreeMap<>();
        for (String line : lines(data, "graph")) {
            String[] fields = line.split("\t");
            links.computeIfAbsent(Integer.parseInt(fields[0]), k -> new LinkedHashSet<>()).add(Integer.parseInt(fields[1]));
        }
        Map<Integer, Double> ranks = new TreeMap<>();
        links.keySet().forEach(source -> ranks.put(source, 1.0));
        for (int iteration = 0; iteration < 10; iteration++) {
            Map<Integer, Double> received = new TreeMap<>();
            for (Map.Entry<Integer, Set<Integer>> link : links.entrySet()) {
                Double rank = ranks.get(link.getKey());
                if (rank != null) {
                    for (Integer target : link.getValue()) {
                        received.merge(target, rank / link.getValue().size(), Double::sum);
                    }
                }
            }
            ranks.clear();
            received.forEach((vertex, sum) -> ranks.put(vertex, 0.15 + 0.85 * sum));
        }
        double sum = ranks.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Map.Entry<Integer, Double>> byRank = new ArrayList<>(ranks.entrySet());
        byRank.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Double.compare(b.getValue(), a.getValue())
                : Integer.compare(a.getKey(), b.getKey()));
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(5, byRank.size()); i++) {
            top.append(i > 0 ? "," : "").append(byRank.get(i).getKey()).append(':')
                    .append(String.format(Locale.ROOT, "%.6f", byRank.get(i).getValue()));
        }
        return "vertices=" + ranks.size() + " sum=" + String.format(Locale.ROOT, "%.4f", sum) + " top=" + top;
    }
}
