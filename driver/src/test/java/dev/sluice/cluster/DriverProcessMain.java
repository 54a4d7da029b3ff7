package dev.sluice.cluster;

import dev.sluice.Sluice;

import java.io.IOException;

/**
 * A driver in a process of its own, for tests that kill it: starts {@code local-cluster[2,1,256]} with local
 * directory {@code args[0]}, runs a job, prints {@code EXECUTORS <pid> <pid>}, then waits until its stdin closes.
 */
public final class DriverProcessMain {
    private DriverProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,256]").appName("orphans")
                .config("sluice.local.dir", args[0])
                .config("sluice.executor.heartbeatInterval", "200ms")
                .config("sluice.executor.heartbeatTimeout", "10s") // tolerant of a loaded machine; the executors notice the kill sooner
                .create()) {
            if (sluice.range(0, 1_000, 4).count() != 1_000) {
                throw new IllegalStateException("wrong count");
            }
            StringBuilder line = new StringBuilder("EXECUTORS");
            ClusterFaults.executors().forEach(p -> line.append(' ').append(p.pid()));
            System.out.println(line);
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to kill this process (or close stdin)
            }
        }
    }
}
