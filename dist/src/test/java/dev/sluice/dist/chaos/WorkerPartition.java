package dev.sluice.dist.chaos;

import dev.sluice.dist.NetworkHosts;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts one random worker's host off from all others for {@code length} (10 s), {@code delay} after the first
 * executors run, with firewall rules in that host's namespace that drop everything in and out of its link
 * (nftables, else iptables), then heals it by deleting them. Longer than the heartbeat and worker timeouts: the
 * driver loses the worker's executors and the master the worker, which must come back after the heal.
 */
public final class WorkerPartition implements Fault {
    private static final String TABLE = "sluice_chaos";
    private final Duration delay;
    private final Duration length;

    /** Partitions {@code delay} into the run, for {@code length}. */
    public WorkerPartition(Duration delay, Duration length) {
        this.delay = delay;
        this.length = length;
    }

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public boolean needsHosts() {
        return true;
    }

    @Override
    public String unavailableBecause(java.nio.file.Path scratch) throws Exception {
        if (NetworkHosts.hasCommand("nft")) {
            return NetworkHosts.worksInANamespace(scratch, "nft", "add", "table", "inet", TABLE) ? null
                    : "nft cannot add a table (no nf_tables in this kernel?)";
        }
        if (NetworkHosts.hasCommand("iptables")) {
            return NetworkHosts.worksInANamespace(scratch, "iptables", "-L") ? null : "iptables -L fails";
        }
        return "neither nft (Debian's nftables) nor iptables is installed";
    }

    @Override
    public void inject(ChaosCluster cluster, SplittableRandom random, FaultWindow window) throws Exception {
        if (Victims.executor(cluster, random, window, 1) == null || window.closesWithin(delay)) {
            return;
        }
        NetworkHosts hosts = cluster.hosts();
        List<ChaosCluster.Worker> workers = cluster.workers();
        int host = workers.get(random.nextInt(workers.size())).host();
        String namespace = hosts.namespace(host);
        String link = hosts.hostLink(host);
        boolean nft = NetworkHosts.hasCommand("nft");
        cluster.executors(); // remember the executors, to check they all stop
        try {
            if (nft) {
                hosts.runIn(namespace, "nft", "add", "table", "inet", TABLE);
                hosts.runIn(namespace, "nft", "add chain inet " + TABLE + " in { type filter hook input priority 0 ; }");
                hosts.runIn(namespace, "nft", "add chain inet " + TABLE + " out { type filter hook output priority 0 ; }");
                hosts.runIn(namespace, "nft", "add", "rule", "inet", TABLE, "in", "iifname", link, "drop");
                hosts.runIn(namespace, "nft", "add", "rule", "inet", TABLE, "out", "oifname", link, "drop");
            } else {
                hosts.runIn(namespace, "iptables", "-A", "INPUT", "-i", link, "-j", "DROP");
                hosts.runIn(namespace, "iptables", "-A", "OUTPUT", "-o", link, "-j", "DROP");
            }
            Thread.sleep(length.toMillis()); // the fault itself: the partition lasts its length, even if the job ends
        } finally {
            if (nft) {
                hosts.tryIn(namespace, "nft", "delete", "table", "inet", TABLE);
            } else {
                hosts.tryIn(namespace, "iptables", "-D", "INPUT", "-i", link, "-j", "DROP");
                hosts.tryIn(namespace, "iptables", "-D", "OUTPUT", "-o", link, "-j", "DROP");
            }
        }
    }
}
