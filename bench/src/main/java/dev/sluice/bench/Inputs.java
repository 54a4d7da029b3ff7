package dev.sluice.bench;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.nio.file.Path;

/** The anchor input directories as datasets, parsed as every runner parses them. */
public final class Inputs {
    private Inputs() {
    }

    /** {@code pairs/}: lines {@code key<TAB>value} of two longs. */
    public static PairDataset<Long, Long> pairs(Sluice sluice, Path dataDir) {
        return sluice.textFile(dataDir.resolve("pairs").toString()).mapToPair(line -> {
            int tab = line.indexOf('\t');
            return Pair.of(Long.parseLong(line, 0, tab, 10), Long.parseLong(line, tab + 1, line.length(), 10));
        });
    }

    /** {@code dim/}: lines {@code key<TAB>name}, a long and a short string. */
    public static PairDataset<Long, String> dim(Sluice sluice, Path dataDir) {
        return sluice.textFile(dataDir.resolve("dim").toString()).mapToPair(line -> {
            int tab = line.indexOf('\t');
            return Pair.of(Long.parseLong(line, 0, tab, 10), line.substring(tab + 1));
        });
    }

    /** {@code graph/}: edges {@code src<TAB>dst} of two ints, duplicates included. */
    public static PairDataset<Integer, Integer> edges(Sluice sluice, Path dataDir) {
        return sluice.textFile(dataDir.resolve("graph").toString()).mapToPair(line -> {
            int tab = line.indexOf('\t');
            return Pair.of(Integer.parseInt(line, 0, tab, 10), Integer.parseInt(line, tab + 1, line.length(), 10));
        });
    }

    /** {@code sort/}: lines of a 10-character key, a TAB and a payload, as (key, payload). */
    public static PairDataset<String, String> sortRecords(Sluice sluice, Path dataDir) {
        return sluice.textFile(dataDir.resolve("sort").toString())
                .mapToPair(line -> Pair.of(line.substring(0, 10), line.substring(11)));
    }
}
