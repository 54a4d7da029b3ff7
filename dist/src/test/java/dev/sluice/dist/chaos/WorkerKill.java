package dev.sluice.dist.chaos;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SIGKILLs one random worker once, {@code delay} after the first executors run: its executors stop on their own,
 * the master declares it dead after the worker timeout, and the application goes on with the other two.
 */
public final class WorkerKill implements Fault {
    private final Duration delay;

    /** Kills a worker {@code delay} into the run. */
    public WorkerKill(Duration delay) {
        this.delay = delay;
    }

    @Override
    public String name() {
        return "worker-kill";
    }

    @Override
    public void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) throws InterruptedException {
        if (Victims.executor(cluster, random, window, 1) == null || window.closesWithin(delay)) {
            return;
        }
        List<ChaosCluster.Worker> workers = cluster.liveWorkers();
        ChaosCluster.Worker victim = workers.get(random.nextInt(workers.size()));
        cluster.executors(); // remember its executors, to check they stop too
        victim.process().destroyForcibly();
    }
}
