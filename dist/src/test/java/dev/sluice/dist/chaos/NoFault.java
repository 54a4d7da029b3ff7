package dev.sluice.dist.chaos;

import java.util.SplittableRandom;

/** The fault-free run, whose times and task launches the other faults are compared with. */
public final class NoFault implements Fault {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) {
    }
}
