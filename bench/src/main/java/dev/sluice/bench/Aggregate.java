package dev.sluice.bench;

import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code aggregate}: sums the values of each key of {@code pairs/} with {@code reduceByKey}.
 * Digest: {@code distinct=… total=… k0=… k1=… k2=…}, the sums of keys 0, 1 and 2 ({@code null}
 * when a key is absent).
 */
public final class Aggregate extends DatasetWorkload {

    /** The aggregate workload. */
    public Aggregate() {
        super("aggregate");
    }

    @Override
    public String digest(Sluice sluice, Path dataDir) {
        PairDataset<Long, Long> sums = Inputs.pairs(sluice, dataDir).reduceByKey(Long::sum).cache();
        long distinct = sums.count();
        long total = sums.values().fold(0L, Long::sum);
        Map<Long, Long> firstKeys = sums.filter(p -> p.key() < 3).collectAsMap();
        return "distinct=" + distinct + " total=" + total
                + " k0=" + firstKeys.get(0L) + " k1=" + firstKeys.get(1L) + " k2=" + firstKeys.get(2L);
    }
}
