package dev.sluice.bench;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code pagerank}: the classic PageRank over the edges of {@code graph/}. Distinct edges are
 * grouped into cached link lists; every source starts at rank 1.0; each of 10 iterations sends
 * rank/outDegree along every link and sets rank = 0.15 + 0.85 · (sum received) for the vertices
 * that received something. Digest: {@link Digests#rankDigest}.
 */
public final class PageRank extends DatasetWorkload {
    private static final int ITERATIONS = 10;

    /** The pagerank workload. */
    public PageRank() {
        super("pagerank");
    }

    @Override
    public String digest(Sluice sluice, Path dataDir) {
        PairDataset<Integer, List<Integer>> links = Inputs.edges(sluice, dataDir).distinct().groupByKey().cache();
        PairDataset<Integer, Double> ranks = links.mapValues(targets -> 1.0);
        for (int i = 0; i < ITERATIONS; i++) {
            ranks = links.join(ranks).values()
                    .<Pair<Integer, Double>>mapMulti(PageRank::contributions)
                    .mapToPair(contribution -> contribution)
                    .reduceByKey(Double::sum)
                    .mapValues(received -> 0.15 + 0.85 * received);
        }
        return Digests.rankDigest(ranks.collect());
    }

    /** Sends a source's rank, split evenly, to each of its targets. */
    private static void contributions(Pair<List<Integer>, Double> targetsAndRank, Consumer<Pair<Integer, Double>> out) {
        List<Integer> targets = targetsAndRank.key();
        double share = targetsAndRank.value() / targets.size();
        for (Integer target : targets) {
            out.accept(Pair.of(target, share));
        }
    }
}
