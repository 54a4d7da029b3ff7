package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster over four hosts of the test's own: the master, two workers and the submitting client each run in a
 * Linux network namespace with one address of 10.213.7.0/24, joined by veth pairs to a bridge in a fifth
 * namespace. Nothing is reachable on loopback across hosts, so a process that binds or advertises the wrong
 * address breaks the job. The namespaces are created and removed by the test; it needs root and {@code ip}
 * (iproute2), and is skipped, saying why, without them.
 */
class MultiHostIT {
    private static final String SUBNET = "10.213.7.";

    @TempDir
    Path dir;
    private final String prefix = "sl" + (ProcessHandle.current().pid() % 100_000);
    private final List<String> namespaces = new ArrayList<>();
    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        for (String namespace : namespaces) {
            ip("netns", "del", namespace);
        }
    }

    @Test
    void aJobRunsAcrossHostsThatOnlyReachEachOtherByTheirAddresses() throws Exception {
        Assumptions.assumeTrue(isRoot(), "MultiHostIT needs root to create network namespaces (ip netns); "
                + "it runs in CI, which runs as root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "MultiHostIT needs the ip command (Debian's iproute2)");
        String master = host(1);
        String worker1 = host(2);
        String worker2 = host(3);
        String client = host(4);
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

    /** Creates host {@code n}: a namespace with {@code 10.213.7.n/24} on a veth joined to the test's bridge. */
    private String host(int n) throws IOException, InterruptedException {
        String bridge = prefix + "sw";
        if (namespaces.isEmpty()) {
            addNamespace(bridge);
            ipIn(bridge, "link", "add", "br0", "type", "bridge");
            ipIn(bridge, "link", "set", "br0", "up");
        }
        String namespace = prefix + "h" + n;
        addNamespace(namespace);
        String inside = prefix + "a" + n;
        String outside = prefix + "b" + n;
        ip("link", "add", inside, "type", "veth", "peer", "name", outside);
        ip("link", "set", inside, "netns", namespace);
        ip("link", "set", outside, "netns", bridge);
        ipIn(namespace, "addr", "add", SUBNET + n + "/24", "dev", inside);
        ipIn(namespace, "link", "set", inside, "up");
        ipIn(namespace, "link", "set", "lo", "up");
        ipIn(bridge, "link", "set", outside, "master", "br0");
        ipIn(bridge, "link", "set", outside, "up");
        return namespace;
    }

    private void addNamespace(String namespace) throws IOException, InterruptedException {
        ip("netns", "del", namespace); // a leftover of a killed run
        if (ip("netns", "add", namespace) != 0) {
            throw new AssertionError("Cannot create the network namespace " + namespace + " although running as root");
        }
        namespaces.add(0, namespace);
    }

    private void ipIn(String namespace, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("netns", "exec", namespace, "ip"));
        command.addAll(List.of(args));
        if (ip(command.toArray(String[]::new)) != 0) {
            throw new AssertionError("ip " + String.join(" ", command) + " failed");
        }
    }

    private int ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ip.log").toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end");
        }
        return process.exitValue();
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        return out.equals("0");
    }
}
