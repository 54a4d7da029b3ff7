package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master and two workers started through the distribution's {@code bin/sluice}; the examples' word count
 * submitted in client and cluster deploy mode, two applications at once, and submissions that must fail with a
 * clear message while the cluster keeps serving.
 */
class StandaloneClusterIT {
    private static final Path SAMPLE = Cluster.HOME.resolve("examples/data/sample.txt");

    @TempDir
    static Path dir;
    static Cluster cluster;
    static Cluster.Master master;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new Cluster(dir);
        master = cluster.startMaster();
        cluster.startWorker(master.url(), 2);
        cluster.startWorker(master.url(), 2);
        Cluster.await("two workers", Duration.ofSeconds(30), () -> aliveWorkers() == 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int aliveWorkers() {
        try {
            int alive = 0;
            for (JsonNode worker : cluster.status(master.url()).get("workers")) {
                alive += worker.get("state").asText().equals("ALIVE") ? 1 : 0;
            }
            return alive;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wordCountInClientMode() throws Exception {
        wordCountInClientMode(dir.resolve("client-out"));
    }

    private static void wordCountInClientMode(Path out) throws Exception {
        Cluster.Result result = cluster.run("submit", "--master", master.url(), "--class",
                "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3", out.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("1174  the");
        assertThat(readCounts(out)).isEqualTo(expectedCounts());
    }

    @Test
    void wordCountInClusterMode() throws Exception {
        Path out = dir.resolve("cluster-out");
        Cluster.Result result = cluster.run("submit", "--master", master.url(), "--deploy-mode", "cluster", "--wait",
                "--class", "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3",
                out.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("driver-\\S+ FINISHED");
        assertThat(readCounts(out)).isEqualTo(expectedCounts());
        JsonNode drivers = cluster.status(master.url()).get("drivers");
        assertThat(drivers).anySatisfy(d -> assertThat(d.get("state").asText()).isEqualTo("FINISHED"));
    }

    @Test
    void twoApplicationsRunAtOnce() throws Exception {
        Path first = dir.resolve("first-out");
        Path second = dir.resolve("second-out");
        Process a = cluster.start(java.util.List.of("submit", "--master", master.url(), "--total-executor-cores", "2",
                "--class", "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3",
                first.toString()));
        Process b = cluster.start(java.util.List.of("submit", "--master", master.url(), "--total-executor-cores", "2",
                "--class", "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3",
                second.toString()));

        Cluster.Result ra = cluster.await(a, Duration.ofMinutes(2));
        Cluster.Result rb = cluster.await(b, Duration.ofMinutes(2));
        assertThat(ra.exitCode()).as("%s", ra).isZero();
        assertThat(rb.exitCode()).as("%s", rb).isZero();
        assertThat(readCounts(first)).isEqualTo(expectedCounts());
        assertThat(readCounts(second)).isEqualTo(expectedCounts());
    }

    @Test
    void badSubmissionsFailClearlyAndTheClusterKeepsServing() throws Exception {
        String jar = Cluster.EXAMPLES_JAR.toString();
        String wordCount = "dev.sluice.examples.WordCount";
        String deadPort = "sluice://127.0.0.1:" + Cluster.freePort();

        assertFails(cluster.run("submit", "--master", master.url(), "--conf", "sluice.auth.secret=not-the-cluster-secret",
                "--class", wordCount, jar, SAMPLE.toString()), "refused this driver's secret");
        assertFails(cluster.run("submit", "--master", master.url(), "--deploy-mode", "cluster", "--conf",
                "sluice.auth.secret=not-the-cluster-secret", "--class", wordCount, jar), "refused our secret");
        assertFails(cluster.run("submit", "--master", deadPort, "--class", wordCount, jar, SAMPLE.toString()),
                "Cannot reach the master at " + deadPort);
        assertFails(cluster.run("submit", "--master", master.url(), "--class", wordCount, dir.resolve("missing.jar")
                .toString()), "missing.jar does not exist");
        assertFails(cluster.run("submit", "--master", master.url(), "--class", "dev.sluice.examples.NoSuchMain", jar),
                "The main class dev.sluice.examples.NoSuchMain is not in");
        assertFails(cluster.run("submit", "--master", master.url(), "--conf", "sluice.task.maxFailures", "--class",
                wordCount, jar), "Malformed --conf 'sluice.task.maxFailures'");
        assertFails(cluster.run("submit", "--master", master.url(), "--conf", "sluice.no.such.key=1", "--class",
                wordCount, jar), "sluice.no.such.key");
        assertFails(cluster.run("submit", "--master", master.url(), "--executor-cores", "64", "--class", wordCount, jar,
                SAMPLE.toString()), "no worker can ever run an executor with 64 cores");
        assertFails(cluster.run("submit", "--master", master.url(), "--deploy-mode", "cluster", "--driver-cores", "64",
                "--class", wordCount, jar), "no worker can ever run the driver with 64 cores");
        assertFails(cluster.run("submit", "--master", "local[2]", "--class", wordCount, jar), "--master must be");
        assertFails(cluster.run("submit", "--master", master.url(), "--no-such-flag", "--class", wordCount, jar),
                "Unknown option: '--no-such-flag'");

        wordCountInClientMode(dir.resolve("after-bad-submissions"));
        assertThat(aliveWorkers()).isEqualTo(2);
    }

    @Test
    void statusListsWorkersAsATable() throws Exception {
        Cluster.Result result = cluster.run("status", "--master", master.url());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("Workers:", "Applications:", "Executors:", "Drivers:")
                .containsPattern("worker-\\S+ +127\\.0\\.0\\.1:\\d+ +ALIVE +\\d/2");
    }

    private static void assertFails(Cluster.Result result, String message) {
        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).as("%s", result).contains(message);
    }

    private static Map<String, Long> expectedCounts() throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
            Arrays.stream(line.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")).filter(w -> !w.isEmpty())
                    .forEach(w -> counts.merge(w, 1L, Long::sum));
        }
        return new TreeMap<>(counts);
    }

    private static Map<String, Long> readCounts(Path out) throws IOException {
        assertThat(out.resolve("_SUCCESS")).exists();
        Map<String, Long> counts = new TreeMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t");
                    assertThat(counts.put(fields[0], Long.parseLong(fields[1]))).as("duplicate %s", fields[0]).isNull();
                }
            }
        }
        return counts;
    }
}
