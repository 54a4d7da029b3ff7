package dev.sluice.examples;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The classic PageRank over a small generated graph: cached links, ten iterations of join + reduceByKey. */
public final class PageRank {
    private PageRank() {
    }

    public static void main(String[] args) {
        int vertices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Random random = new Random(42);
        List<Pair<Integer, Integer>> edges = new ArrayList<>();
        for (int i = 0; i < vertices * 5; i++) {
            edges.add(Pair.of(random.nextInt(vertices), (int) Math.abs(random.nextGaussian() * vertices / 8) % vertices));
        }
        try (Sluice sluice = Sluice.builder().appName("PageRank").create()) {
            PairDataset<Integer, List<Integer>> links = sluice.parallelize(edges).distinct()
                    .mapToPair(e -> e).groupByKey().cache();
            PairDataset<Integer, Double> ranks = links.mapValues(v -> 1.0);
            for (int i = 0; i < 10; i++) {
                ranks = links.join(ranks).values()
                        .flatMap(p -> {
                            List<Pair<Integer, Double>> out = new ArrayList<>();
                            for (Integer target : p.key()) {
                                out.add(Pair.of(target, p.value() / p.key().size()));
                            }
                            return out;
                        })
                        .mapToPair(p -> p)
                        .reduceByKey(Double::sum)
                        .mapValues(sum -> 0.15 + 0.85 * sum);
            }
            ranks.top(5, (a, b) -> Double.compare(a.value(), b.value()))
                    .forEach(p -> System.out.printf("vertex %d  rank %.4f%n", p.key(), p.value()));
        }
    }
}
