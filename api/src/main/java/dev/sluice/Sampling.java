package dev.sluice;

import dev.sluice.common.Iterators;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/** Seeded per-partition sampling: Bernoulli without replacement, Poisson with replacement. */
final class Sampling {
    private Sampling() {
    }

    static <T> Iterator<T> sample(Iterator<T> in, boolean withReplacement, double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (!withReplacement) {
            return Iterators.filter(in, t -> random.nextDouble() < fraction);
        }
        return new Iterator<>() {
            private T current;
            private int copiesLeft;

            @Override
            public boolean hasNext() {
                while (copiesLeft == 0) {
                    if (!in.hasNext()) {
                        current = null;
                        return false;
                    }
                    current = in.next();
                    copiesLeft = poisson(random, fraction);
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                copiesLeft--;
                return current;
            }
        };
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
