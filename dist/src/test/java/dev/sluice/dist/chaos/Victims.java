package dev.sluice.dist.chaos;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/** Choosing what a fault breaks: waiting for the application's executors, and picking one at random. */
final class Victims {
    private static final Duration POLL = Duration.ofMillis(100);

    private Victims() {
    }

    /**
     * Waits until at least {@code count} executors run, then returns one of them picked by {@code random}; null if
     * the window closed first.
     */
    static ProcessHandle executor(ChaosCluster cluster, SplittableRandom random, FaultWindow window, int count)
            throws InterruptedException {
        while (!window.isClosed()) {
            List<ProcessHandle> executors = cluster.executors();
            if (executors.size() >= count) {
                return executors.get(random.nextInt(executors.size()));
            }
            if (window.closesWithin(POLL)) {
                return null;
            }
        }
        return null;
    }

    /** A pause of {@code mean} ±50%, picked by {@code random}. */
    static Duration around(Duration mean, SplittableRandom random) {
        long millis = mean.toMillis();
        return Duration.ofMillis(millis / 2 + random.nextLong(millis + 1));
    }
}
