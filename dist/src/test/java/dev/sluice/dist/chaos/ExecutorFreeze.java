package dev.sluice.dist.chaos;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Freezes one random executor with SIGSTOP for twice the heartbeat timeout, so the driver declares it lost and
 * runs its tasks elsewhere, then resumes it with SIGCONT: the zombie's late reports and map outputs must be
 * ignored. It waits {@code delay} after the first executors run, so the freeze falls in the middle of the work.
 */
public final class ExecutorFreeze implements Fault {
    private final Duration delay;
    private final Duration frozenFor;

    /** Freezes {@code delay} into the run, for {@code frozenFor}. */
    public ExecutorFreeze(Duration delay, Duration frozenFor) {
        this.delay = delay;
        this.frozenFor = frozenFor;
    }

    @Override
    public String name() {
        return "executor-freeze";
    }

    @Override
    public void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) throws Exception {
        if (Victims.executor(cluster, random, window, 1) == null || window.closesWithin(delay)) {
            return;
        }
        ProcessHandle victim = Victims.executor(cluster, random, window, 1);
        if (victim == null || !Signals.send(victim, "STOP")) {
            return;
        }
        try {
            Thread.sleep(frozenFor.toMillis()); // the fault itself: frozen past the heartbeat timeout, even if the job ends
        } finally {
            Signals.send(victim, "CONT");
        }
    }
}
