package dev.sluice.examples;

import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;

import java.util.List;

/** Joins orders with customers and totals the spend per customer name. */
public final class JoinExample {
    private JoinExample() {
    }

    public static void main(String[] args) {
        try (Sluice sluice = Sluice.builder().appName("JoinExample").create()) {
            PairDataset<Integer, String> customers = sluice.parallelizePairs(List.of(
                    Pair.of(1, "Ada"), Pair.of(2, "Grace"), Pair.of(3, "Edsger")));
            PairDataset<Integer, Double> orders = sluice.parallelizePairs(List.of(
                    Pair.of(1, 12.5), Pair.of(2, 3.0), Pair.of(1, 7.5), Pair.of(4, 99.0)));
            customers.join(orders)
                    .mapToPair(p -> Pair.of(p.value().key(), p.value().value()))
                    .reduceByKey(Double::sum)
                    .sortByKey()
                    .collect()
                    .forEach(p -> System.out.println(p.key() + " spent " + p.value()));
            System.out.println("Orders without a customer: " + orders.subtractByKey(customers).collect());
        }
    }
}
