package dev.sluice;

import dev.sluice.lineage.RecordOperator;
import dev.sluice.lineage.RecordOperators;

import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Seeded per-partition sampling: Bernoulli without replacement, Poisson with replacement. */
final class Sampling {
    private Sampling() {
    }

    /** The sample of {@code in} for {@code seed}: what {@link #operator} pulls in a partition with that seed. */
    static <T> Iterator<T> sample(Iterator<T> in, boolean withReplacement, double fraction, long seed) {
        return Sampling.<T>seeded(withReplacement, fraction, seed).apply(0, in);
    }

    /** Each partition's sample, seeded from {@code seed} and the partition's index. */
    static <T> RecordOperator<T, T> operator(boolean withReplacement, double fraction, long seed) {
        return RecordOperators.perPartition(p -> seeded(withReplacement, fraction, seed ^ (p * 0x9E3779B97F4A7C15L)));
    }

    /** A Bernoulli filter, or each record repeated a Poisson number of times; one draw per record either way. */
    private static <T> RecordOperator<T, T> seeded(boolean withReplacement, double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (!withReplacement) {
            return RecordOperators.filter(t -> random.nextDouble() < fraction);
        }
        return RecordOperators.mapMulti((T t, Consumer<T> out) -> {
            for (int copies = poisson(random, fraction); copies > 0; copies--) {
                out.accept(t);
            }
        });
    }

    /** Knuth's method for small means; a normal approximation for large ones. */
    static int poisson(SplittableRandom random, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
