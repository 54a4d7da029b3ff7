package dev.sluice.dist.chaos;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * SIGKILLs a random executor every few seconds ({@link ChaosSettings#killInterval} ±50%) until the application
 * ends, at most {@value #MAX_KILLS} times. It waits for two executors to run before each kill, so the master's
 * replacements get to start and the application is never left without any.
 */
public final class ExecutorKillLoop implements Fault {
    static final int MAX_KILLS = 100;
    private final Duration interval;
    private int kills;

    /** Kills every {@code interval} ±50%. */
    public ExecutorKillLoop(Duration interval) {
        this.interval = interval;
    }

    @Override
    public String name() {
        return "executor-kill";
    }

    @Override
    public void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) throws InterruptedException {
        while (kills < MAX_KILLS && !window.closesWithin(Victims.around(interval, random))) {
            ProcessHandle victim = Victims.executor(cluster, random, window, 2);
            if (victim != null && victim.destroyForcibly()) {
                kills++;
            }
        }
    }

    /** How many executors it killed. */
    public int kills() {
        return kills;
    }
}
