package dev.sluice.bench;

import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code groupby}: groups the values of each key of {@code pairs/} with {@code groupByKey} and
 * measures the groups. Digest: {@code distinct=… maxGroup=… sumSizes=…}.
 */
public final class GroupBy extends DatasetWorkload {

    /** The groupby workload. */
    public GroupBy() {
        super("groupby");
    }

    @Override
    public String digest(Sluice sluice, Path dataDir) {
        PairDataset<Long, Integer> sizes = Inputs.pairs(sluice, dataDir).groupByKey().mapValues(List::size).cache();
        long distinct = sizes.count();
        int maxGroup = sizes.values().fold(0, Math::max);
        long sumSizes = sizes.values().map(Integer::longValue).fold(0L, Long::sum);
        return "distinct=" + distinct + " maxGroup=" + maxGroup + " sumSizes=" + sumSizes;
    }
}
