package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster over four hosts of the test's own: the master, two workers and the submitting client each run in a
 * Linux network namespace with one address of 10.213.7.0/24, joined by veth pairs to a bridge in a fifth
 * namespace ({@link NetworkHosts}). Nothing is reachable on loopback across hosts, so a process that binds or
 * advertises the wrong address breaks the job. The namespaces are created and removed by the test; it needs root
 * and {@code ip} (iproute2), and is skipped, saying why, without them.
 */
class MultiHostIT {
    private static final String SUBNET = NetworkHosts.SUBNET;

    @TempDir
    Path dir;
    private NetworkHosts hosts;
    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void aJobRunsAcrossHostsThatOnlyReachEachOtherByTheirAddresses() throws Exception {
        String unavailable = NetworkHosts.unavailableBecause();
        Assumptions.assumeTrue(unavailable == null, () -> "MultiHostIT is skipped: " + unavailable);
        hosts = new NetworkHosts(dir);
        String master = hosts.host(1);
        String worker1 = hosts.host(2);
        String worker2 = hosts.host(3);
        String client = hosts.host(4);
        cluster = new Cluster(dir);

        Cluster.Master m = cluster.startMasterIn(master, "--host", SUBNET + 1, "--port", "7077");
        assertThat(m.url()).isEqualTo("sluice://" + SUBNET + "1:7077");
        cluster.startWorkerIn(worker1, m.url(), 1, "--host", SUBNET + 2);
        cluster.startWorkerIn(worker2, m.url(), 1, "--host", SUBNET + 3);
        Cluster.await("both workers", Duration.ofSeconds(60), () -> workers(client, m.url()).size() == 2);
        assertThat(workers(client, m.url())).extracting(w -> w.get("host").asText())
                .containsExactlyInAnyOrder(SUBNET + 2, SUBNET + 3);

        Path out = dir.resolve("counts");
        Cluster.Result result = cluster.runIn(client, "submit", "--master", m.url(), "--conf",
                "sluice.network.bindHost=" + SUBNET + 4, "--class", "dev.sluice.examples.WordCount",
                Cluster.EXAMPLES_JAR.toString(), Cluster.HOME.resolve("examples/data/sample.txt").toString(), "3",
                out.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("1174  the");
        assertThat(out.resolve("_SUCCESS")).exists();
        JsonNode app = cluster.status(client, m.url()).get("applications").get(0);
        assertThat(app.get("state").asText()).isEqualTo("FINISHED");
        assertThat(app.get("driver").asText()).startsWith(SUBNET + 4 + ":");
    }

    private List<JsonNode> workers(String netns, String url) {
        try {
            List<JsonNode> alive = new ArrayList<>();
            cluster.status(netns, url).get("workers").forEach(w -> {
                if (w.get("state").asText().equals("ALIVE")) {
                    alive.add(w);
                }
            });
            return alive;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
