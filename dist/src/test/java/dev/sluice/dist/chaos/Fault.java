package dev.sluice.dist.chaos;

import java.util.SplittableRandom;

/**
 * One kind of trouble the harness makes while an application runs. An implementation acts only while the
 * {@link FaultWindow} is open, and undoes whatever it changed (resumes frozen processes, removes queueing
 * disciplines and firewall rules) before {@link #inject} returns, also when it fails.
 */
public interface Fault {

    /** The name in reports, e.g. {@code executor-kill}. */
    String name();

    /** Whether the fault needs the cluster on network namespaces ({@link ChaosCluster#onHosts}). */
    default boolean needsHosts() {
        return false;
    }

    /**
     * Why this fault cannot run on this machine (a missing command or kernel module), or null when it can; probes
     * may log to {@code scratch}.
     */
    default String unavailableBecause(java.nio.file.Path scratch) throws Exception {
        return null;
    }

    /** Makes trouble in {@code cluster} while {@code window} is open; {@code random} picks victims and pauses. */
    void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) throws Exception;
}
