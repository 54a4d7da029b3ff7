package dev.sluice.examples;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts the words of a text file (or directory, or glob) and prints the most frequent ones.
 * Usage: {@code WordCount [path] [top]}; defaults to the sample text shipped in {@code examples/data}.
 */
public final class WordCount {
    private WordCount() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "examples/data/sample.txt";
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (Sluice sluice = Sluice.local()) {
            PairDataset<String, Long> counts = sluice.textFile(path)
                    .flatMap(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")))
                    .filter(word -> !word.isEmpty())
                    .mapToPair(word -> Pair.of(word, 1L))
                    .reduceByKey(Long::sum);
            List<Pair<String, Long>> best = counts.takeOrdered(top, (a, b) -> a.value().equals(b.value())
                    ? a.key().compareTo(b.key()) : Long.compare(b.value(), a.value()));
            System.out.println("Top " + top + " words of " + path + ":");
            for (Pair<String, Long> p : best) {
                System.out.printf("%8d  %s%n", p.value(), p.key());
            }
        }
    }
}
