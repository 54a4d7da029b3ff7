package dev.sluice.bench;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.nio.file.Path;

/**
 * {@code join}: inner-joins {@code pairs/} with {@code dim/} on the key. Digest:
 * {@code rows=… evenNameValueSum=…}, the number of joined rows and the sum of the pair values
 * whose joined name has an even length. Written as the Spark runner writes it (the joined rows
 * cached, then two actions), so the two engines run the same plan.
 */
public final class Join extends DatasetWorkload {

    /** The join workload. */
    public Join() {
        super("join");
    }

    @Override
    public String digest(Sluice sluice, Path dataDir) {
        PairDataset<Long, Pair<Long, String>> joined = Inputs.pairs(sluice, dataDir).join(Inputs.dim(sluice, dataDir)).cache();
        long rows = joined.count();
        long evenSum = joined.values().filter(valueAndName -> valueAndName.value().length() % 2 == 0)
                .map(Pair::key).fold(0L, Long::sum);
        return "rows=" + rows + " evenNameValueSum=" + evenSum;
    }
}
