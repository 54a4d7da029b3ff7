package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.dist.apps.GatedSum;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Sluice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        return cluster.aliveWorkers(master.url());
    }

    @Test
    void wordCountInClientMode() throws Exception {
        wordCountInClientMode(dir.resolve("client-out"));
    }

    @Test
    void aProgramConnectsDirectlyFromATestWithClassesOnlyItHas() {
        int offset = 7;
        try (Sluice sluice = Sluice.builder().master(master.url()).appName("from-a-test")
                .config("sluice.auth.secretFile", cluster.confDir.resolve("sluice.secret").toString()).create()) {
            List<Integer> out = TestOnlyJob.tenTimesPlus(sluice, offset);

            assertThat(out).containsExactly(17, 27, 37, 47, 57, 67);
            assertThat(sluice.defaultParallelism()).isEqualTo(4);
        }
    }

    /**
     * A job whose lambda lives in a class of this test's classes directory. (Not in the test class itself: its
     * static fields start a cluster, which an executor loading it must not do.)
     */
    static final class TestOnlyJob {
        private TestOnlyJob() {
        }

        static List<Integer> tenTimesPlus(Sluice sluice, int offset) {
            return sluice.parallelize(List.of(1, 2, 3, 4, 5, 6), 3).map(i -> i * 10 + offset).collect();
        }
    }

    @Test
    void anApplicationWaitsWhileTheClusterIsFullAndRunsWhenCoresFree() throws Exception {
        Path jar = Cluster.testAppJar(dir.resolve("gated.jar"), "dev/sluice/dist/apps");
        Path gate = Files.createDirectories(dir.resolve("gate"));
        Process first = cluster.start(List.of("submit", "--master", master.url(), "--class",
                "dev.sluice.dist.apps.GatedSum", jar.toString(), gate.toString(), dir.resolve("sum.txt").toString()));
        Cluster.await("the first application to hold every core", Duration.ofSeconds(60),
                () -> coresInUse() == 4 && GatedSum.attemptsAtGate(gate) >= 4);
        Path out = dir.resolve("waiting-out");
        Process second = cluster.start(List.of("submit", "--master", master.url(), "--class",
                "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3", out.toString()));

        Cluster.await("the second application to wait", Duration.ofSeconds(60), () -> waitingReason().contains(
                "waiting for a worker with 1 free cores and 1024 MiB free"));
        Files.createFile(gate.resolve("open"));

        Cluster.Result firstResult = cluster.await(first, Duration.ofMinutes(2));
        Cluster.Result secondResult = cluster.await(second, Duration.ofMinutes(2));
        assertThat(firstResult.exitCode()).as("%s", firstResult).isZero();
        assertThat(secondResult.exitCode()).as("%s", secondResult).isZero();
        assertThat(readCounts(out)).isEqualTo(expectedCounts());
    }

    private static int coresInUse() {
        try {
            int used = 0;
            for (JsonNode worker : cluster.status(master.url()).get("workers")) {
                used += worker.get("coresUsed").asInt();
            }
            return used;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String waitingReason() {
        try {
            for (JsonNode app : cluster.status(master.url()).get("applications")) {
                if (app.get("state").asText().equals("WAITING")) {
                    return app.get("reason").asText();
                }
            }
            return "";
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }


    private static void wordCountInClientMode(Path out) throws Exception {
        Cluster.Result result = cluster.run("submit", "--master", master.url(), "--class",
                "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3", out.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("1174  the");
        assertThat(readCounts(out)).isEqualTo(expectedCounts());
        Cluster.await("the workers to delete the application's data, keeping logs", Duration.ofSeconds(30),
                () -> executorFilesOtherThanLogs().isEmpty());
    }

    /** Files in executors' directories on the workers ({@code worker-N/APP_ID/EXECUTOR_ID/...}) but their logs. */
    private static List<Path> executorFilesOtherThanLogs() {
        try (Stream<Path> workers = Files.list(dir)) {
            List<Path> left = new java.util.ArrayList<>();
            for (Path worker : workers.filter(w -> w.getFileName().toString().startsWith("worker-")).toList()) {
                try (Stream<Path> files = Files.walk(worker)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> !worker.relativize(f).getName(0).toString().startsWith("driver-"))
                            .filter(f -> !Set.of("stdout", "stderr").contains(f.getFileName().toString()))
                            .forEach(left::add);
                }
            }
            return left;
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(dir); // files vanished while listed: look again
        }
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
        Process a = cluster.start(List.of("submit", "--master", master.url(), "--total-executor-cores", "2",
                "--class", "dev.sluice.examples.WordCount", Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3",
                first.toString()));
        Process b = cluster.start(List.of("submit", "--master", master.url(), "--total-executor-cores", "2",
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
    void badSubmissionsAndImpostorsFailClearlyAndTheClusterKeepsServing() throws Exception {
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

        Process impostor = cluster.start(List.of("worker", master.url(), "--webui-port", "0", "--conf",
                "sluice.auth.secret=not-the-cluster-secret"));
        Cluster.Result refused = cluster.await(impostor, Duration.ofSeconds(60));
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
        assertThat(refused.err()).contains("refused this worker's secret");

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

    @Test
    void workersServeTheirOwnStateAsJson() throws Exception {
        JsonNode worker = cluster.status(master.url()).get("workers").get(0);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + worker.get("webUiPort").asInt() + "/api/v1/";

        HttpResponse<String> workers = http.send(HttpRequest.newBuilder(URI.create(base + "workers")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "secrets")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(workers.statusCode()).isEqualTo(200);
        JsonNode self = new ObjectMapper().readTree(workers.body());
        assertThat(self).hasSize(1);
        assertThat(self.get(0).get("id").asText()).isEqualTo(worker.get("id").asText());
        assertThat(missing.statusCode()).isEqualTo(404);
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
