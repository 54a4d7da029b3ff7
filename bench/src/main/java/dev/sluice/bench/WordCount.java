package dev.sluice.bench;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.function.SerializableComparator;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code wordcount}: splits the lines of {@code words/} on single spaces and counts each word.
 * Digest: {@code distinct=… total=… top=[(word,count), …]}, the top 5 by count descending then word.
 */
public final class WordCount extends DatasetWorkload {

    /** The wordcount workload. */
    public WordCount() {
        super("wordcount");
    }

    @Override
    public String digest(Sluice sluice, Path dataDir) {
        PairDataset<String, Long> counts = sluice.textFile(dataDir.resolve("words").toString())
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
        long total = counts.values().fold(0L, Long::sum);
        SerializableComparator<Pair<String, Long>> byCountThenWord = (a, b) -> a.value().equals(b.value())
                ? a.key().compareTo(b.key()) : Long.compare(b.value(), a.value());
        List<Pair<String, Long>> top = counts.takeOrdered(5, byCountThenWord);
        return "distinct=" + distinct + " total=" + total + " top=" + top;
    }
}
