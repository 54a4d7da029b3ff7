package dev.sluice.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.bench.net.TlsStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master, two workers and applications in client and cluster deploy mode, all started through the
 * distribution's {@code bin/sluice} with TLS on ({@code sluice.ssl.*}, PKCS12 stores made by the test) and the
 * shared secret in a file; and peers without TLS (a worker, a driver, the command line) refused with a message that
 * says TLS is the problem, while the cluster keeps serving. Passwords and the secret live in the configuration
 * directory's {@code sluice-defaults.conf} and the secret file, never on a command line.
 */
class StandaloneTlsIT {
    private static final Path SAMPLE = Cluster.HOME.resolve("examples/data/sample.txt");
    private static final String WORD_COUNT = "dev.sluice.examples.WordCount";

    @TempDir
    static Path dir;
    static Cluster cluster;
    static Cluster.Master master;
    static List<Process> workers;
    static TlsStores stores;
    static String secret;

    @BeforeAll
    static void startClusterOverTls() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        stores = TlsStores.generate(secrets);
        Path secretFile = secrets.resolve("cluster.secret");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secret = HexFormat.of().formatHex(random);
        Files.writeString(secretFile, secret + "\n", StandardCharsets.UTF_8);
        cluster = new Cluster(dir);
        Files.writeString(cluster.confDir.resolve("sluice-defaults.conf"), stores.settings()
                + "sluice.auth.secretFile=" + secretFile + "\n", StandardCharsets.UTF_8);

        master = cluster.startMaster();
        workers = List.of(cluster.startWorker(master.url(), 2), cluster.startWorker(master.url(), 2));
        Cluster.await("two workers over TLS", Duration.ofSeconds(60), () -> aliveWorkers() == 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theDaemonsListenWithTlsAndNoPasswordOrSecretIsOnACommandLine() throws Exception {
        assertThat(cluster.output(master.process(), ".err")).contains("TLS on");
        List<String> commandLines = Stream.concat(Stream.of(master.process().toHandle()),
                        workers.stream().map(Process::toHandle))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .map(p -> p.info().commandLine().orElse("")).toList();
        assertThat(commandLines).hasSizeGreaterThanOrEqualTo(3).allSatisfy(line -> assertThat(line)
                .doesNotContain(stores.password()).doesNotContain(secret));
    }

    @Test
    void wordCountInClientModeOverTls() throws Exception {
        wordCountInClientMode(dir.resolve("client-out"));
    }

    private static void wordCountInClientMode(Path out) throws Exception {
        Cluster.Result result = cluster.run("submit", "--master", master.url(), "--class", WORD_COUNT,
                Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3", out.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("1174  the");
        assertThat(countOf(out, "the")).isEqualTo(1174);
    }

    @Test
    void wordCountInClusterModeOverTls() throws Exception {
        Path out = dir.resolve("cluster-out");
        Cluster.Result result = cluster.run("submit", "--master", master.url(), "--deploy-mode", "cluster", "--wait",
                "--class", WORD_COUNT, Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3", out.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("driver-\\S+ FINISHED");
        assertThat(countOf(out, "the")).isEqualTo(1174);
        JsonNode drivers = cluster.status(master.url()).get("drivers");
        assertThat(drivers).anySatisfy(d -> assertThat(d.get("state").asText()).isEqualTo("FINISHED"));
    }

    @Test
    void peersWithoutTlsAreRefusedSayingSoAndTheClusterKeepsServing() throws Exception {
        String address = master.url().substring("sluice://".length());

        Cluster.Result status = cluster.run("status", "--master", master.url(), "--conf", "sluice.ssl.enabled=false");
        assertThat(status.exitCode()).as("%s", status).isEqualTo(1);
        assertThat(status.err()).as("%s", status).contains(address).contains("TLS");

        Process plainWorker = cluster.start(List.of("worker", master.url(), "--webui-port", "0", "--work-dir",
                dir.resolve("plain-worker").toString(), "--conf", "sluice.ssl.enabled=false"));
        Cluster.Result worker = cluster.await(plainWorker, Duration.ofSeconds(60));
        assertThat(worker.exitCode()).as("%s", worker).isEqualTo(1);
        assertThat(worker.err()).as("%s", worker).contains(address).contains("TLS")
                .doesNotContain("secret");

        Cluster.Result driver = cluster.run("submit", "--master", master.url(), "--conf", "sluice.ssl.enabled=false",
                "--class", WORD_COUNT, Cluster.EXAMPLES_JAR.toString(), SAMPLE.toString(), "3",
                dir.resolve("plain-out").toString());
        assertThat(driver.exitCode()).as("%s", driver).isNotZero();
        assertThat(driver.err()).as("%s", driver).contains(address).contains("TLS");
        assertThat(dir.resolve("plain-out")).doesNotExist();

        assertThat(cluster.output(master.process(), ".err"))
                .containsPattern("Rejected connection from /127\\.0\\.0\\.1:\\d+: .*TLS")
                .doesNotContain("NotSslRecordException")
                .doesNotContain("\tat io.netty");

        wordCountInClientMode(dir.resolve("after-plaintext-peers"));
        assertThat(aliveWorkers()).isEqualTo(2);
    }

    private static int aliveWorkers() {
        return cluster.aliveWorkers(master.url());
    }

    /** The count of {@code word} in the word count written to {@code out}. */
    private static long countOf(Path out, String word) throws IOException {
        assertThat(out.resolve("_SUCCESS")).exists();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t");
                    if (fields[0].equals(word)) {
                        return Long.parseLong(fields[1]);
                    }
                }
            }
        }
        return -1;
    }
}
