package dev.sluice.dist.chaos;

import dev.sluice.dist.NetworkHosts;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes one random worker's link slow and lossy for the whole run with {@code tc netem} (20 ms ± 10 ms delay and
 * 1% loss), in both directions: on the worker's end and on the bridge's end of its veth pair. The queueing
 * disciplines are removed when the application ends (and with the namespaces in any case).
 */
public final class LinkLatencyAndLoss implements Fault {
    static final List<String> NETEM = List.of("netem", "delay", "20ms", "10ms", "loss", "1%");

    @Override
    public String name() {
        return "netem";
    }

    @Override
    public boolean needsHosts() {
        return true;
    }

    @Override
    public String unavailableBecause(java.nio.file.Path scratch) throws Exception {
        if (!NetworkHosts.hasCommand("tc")) {
            return "the tc command (Debian's iproute2) is missing";
        }
        List<String> probe = new java.util.ArrayList<>(List.of("tc", "qdisc", "add", "dev", "lo", "root"));
        probe.addAll(NETEM);
        return NetworkHosts.worksInANamespace(scratch, probe.toArray(String[]::new)) ? null
                : "this kernel has no netem queueing discipline (sch_netem): `tc qdisc add ... netem` fails with "
                + "\"Specified qdisc kind is unknown\"";
    }

    @Override
    public void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) throws Exception {
        NetworkHosts hosts = cluster.hosts();
        List<ChaosCluster.Worker> workers = cluster.workers();
        int host = workers.get(random.nextInt(workers.size())).host();
        String[] sides = {hosts.namespace(host), hosts.hostLink(host), hosts.bridge(), hosts.bridgeLink(host)};
        try {
            for (int i = 0; i < sides.length; i += 2) {
                hosts.runIn(sides[i], tc("add", sides[i + 1]));
            }
            while (!window.closesWithin(java.time.Duration.ofSeconds(1))) {
                cluster.executors(); // remember the executors, to check they all stop
            }
        } finally {
            for (int i = 0; i < sides.length; i += 2) {
                hosts.tryIn(sides[i], "tc", "qdisc", "del", "dev", sides[i + 1], "root");
            }
        }
    }

    private static String[] tc(String verb, String link) {
        List<String> command = new java.util.ArrayList<>(List.of("tc", "qdisc", verb, "dev", link, "root"));
        command.addAll(NETEM);
        return command.toArray(String[]::new);
    }
}
