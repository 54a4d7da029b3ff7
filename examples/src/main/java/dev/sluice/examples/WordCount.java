package dev.sluice.examples;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts the words of a text file (or directory, or glob) and prints the most frequent ones.
 * Usage: {@code WordCount [path] [top] [outputDir]}; defaults to the sample text shipped in {@code examples/data}.
 * With an output directory it also writes every word's count there as {@code word<TAB>count} text files.
 * It runs wherever {@code sluice.master} says (local mode by default; {@code bin/sluice submit} sets it).
 */
public final class WordCount {
    private WordCount() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "examples/data/sample.txt";
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String output = args.length > 2 ? args[2] : null;
        try (Sluice sluice = Sluice.builder().appName("WordCount").create()) {
            PairDataset<String, Long> counts = sluice.textFile(path)
                    .flatMap(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")))
                    .filter(word -> !word.isEmpty())
                    .mapToPair(word -> Pair.of(word, 1L))
                    .reduceByKey(Long::sum);
            List<Pair<String, Long>> best = counts.takeOrdered(top, (a, b) -> a.value().equals(b.value())
                    ? a.key().compareTo(b.key()) : Long.compare(b.value(), a.value()));
            if (output != null) {
                counts.map(p -> p.key() + "\t" + p.value()).saveAsTextFile(output);
            }
            System.out.println("Top " + top + " words of " + path + ":");
            for (Pair<String, Long> p : best) {
                System.out.printf("%8d  %s%n", p.value(), p.key());
            }
        }
    }
}
