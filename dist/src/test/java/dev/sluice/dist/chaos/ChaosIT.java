package dev.sluice.dist.chaos;

import dev.sluice.bench.ExpectedDigests;
import dev.sluice.bench.TinyData;
import dev.sluice.dist.NetworkHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos harness in CI: the six anchor workloads, as one application per fault, on a standalone cluster of
 * three one-core workers, fault-free and under each {@link Fault}; every digest must be exact and no process or
 * file may be left. The loopback faults always run; the network faults (netem, partition) need root, iproute2
 * and nftables or iptables, and are skipped, saying why, without them. The table goes to
 * {@code target/chaos-report.md}.
 *
 * <p>CI generates its data with the project's seeded {@link TinyData} ({@code -Dchaos.factor}, 10 by default)
 * and computes the expected digests by plain Java. For the published figures, point it at anchor data and its
 * published digests: {@code -Dchaos.data=DIR -Dchaos.digests=../shared/anchors/README.md} (see bench/README.md, "Chaos").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {
    private static final List<String> WORKLOADS = List.of("wordcount", "aggregate", "groupby", "join", "sort", "pagerank");
    private static final Pattern DIGEST_LINE = Pattern.compile("^(\\w+)\\s+(\\S+=.*)$", Pattern.MULTILINE);

    @TempDir
    static Path dir;
    static ChaosSettings settings;
    /** When the one-shot faults strike, after the first executor runs ({@code -Dchaos.faultDelaySeconds}, 2). */
    static Duration faultDelay;
    /** The faults to run besides the fault-free run ({@code -Dchaos.faults}, comma-separated; all by default). */
    static Set<String> faults;
    static ChaosHarness harness;
    static final List<ChaosReport> reports = new ArrayList<>();

    @BeforeAll
    static void prepare() throws Exception {
        Path data;
        Map<String, String> expected;
        String given = System.getProperty("chaos.data", "");
        if (given.isBlank()) {
            data = dir.resolve("data");
            TinyData.write(data, Integer.getInteger("chaos.factor", 10));
        } else {
            data = Path.of(given);
        }
        String digests = System.getProperty("chaos.digests", "");
        expected = digests.isBlank() ? computed(data) : published(Path.of(digests));
        settings = new ChaosSettings(Duration.ofSeconds(Long.getLong("chaos.timeoutSeconds", 5)),
                System.getProperty("chaos.workerMemory", "1g"), System.getProperty("chaos.executorMemory", "512m"),
                System.getProperty("chaos.driverMemory", "512m"),
                Duration.ofSeconds(Long.getLong("chaos.killIntervalSeconds", 4)), Long.getLong("chaos.seed", 20261207L),
                Duration.ofMinutes(Long.getLong("chaos.runTimeoutMinutes", 10)));
        faultDelay = Duration.ofSeconds(Long.getLong("chaos.faultDelaySeconds", 2));
        String only = System.getProperty("chaos.faults", "");
        faults = only.isBlank() ? null : Set.of(only.split(","));
        Path work = System.getProperty("chaos.workDir", "").isBlank() ? dir.resolve("runs")
                : Path.of(System.getProperty("chaos.workDir"));
        harness = new ChaosHarness(work, data, expected, settings);
    }

    private static Map<String, String> computed(Path data) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String workload : WORKLOADS) {
            expected.put(workload, ExpectedDigests.of(workload, data));
        }
        return expected;
    }

    /** The digests in the {@code workload digest} lines of a file such as the anchors README. */
    private static Map<String, String> published(Path file) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (Matcher m = DIGEST_LINE.matcher(Files.readString(file)); m.find(); ) {
            if (WORKLOADS.contains(m.group(1))) {
                found.putIfAbsent(m.group(1), m.group(2).strip());
            }
        }
        assertThat(found.keySet()).as("digests in %s", file).containsExactlyElementsOf(WORKLOADS);
        return found;
    }

    @AfterAll
    static void writeTable() throws IOException {
        String table = ChaosTable.markdown(reports);
        Path target = Path.of(System.getProperty("chaos.report", "target/chaos-report.md"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, table, StandardCharsets.UTF_8);
        System.out.println(table);
    }

    @Test
    @Order(1)
    void onLoopbackEveryDigestIsExactAndNothingIsLeftUnderEachFault() throws Exception {
        Duration timeout = settings.heartbeatTimeout();
        check(new NoFault());
        check(new ExecutorKillLoop(settings.killInterval()));
        check(new ExecutorFreeze(faultDelay, timeout.multipliedBy(2)));
        check(new WorkerKill(faultDelay));
    }

    @Test
    @Order(2)
    void onHostsEveryDigestIsExactAndNothingIsLeftOverASlowLossyLink() throws Exception {
        checkOnHosts(new LinkLatencyAndLoss());
    }

    @Test
    @Order(3)
    void onHostsEveryDigestIsExactAndNothingIsLeftAfterAPartitionHeals() throws Exception {
        checkOnHosts(new WorkerPartition(faultDelay, Duration.ofSeconds(10)));
    }

    private static void checkOnHosts(Fault fault) throws Exception {
        if (!chosen(fault)) {
            return;
        }
        String unavailable = NetworkHosts.unavailableBecause();
        Assumptions.assumeTrue(unavailable == null, () -> "The " + fault.name() + " fault is skipped: " + unavailable);
        String missing = fault.unavailableBecause(Files.createDirectories(dir.resolve("probe-" + fault.name())));
        Assumptions.assumeTrue(missing == null, () -> "The " + fault.name() + " fault is skipped: " + missing);
        check(fault);
    }

    /** Whether {@code -Dchaos.faults} asks for this fault; the fault-free run always runs (re-runs count against it). */
    private static boolean chosen(Fault fault) {
        return faults == null || fault instanceof NoFault || faults.contains(fault.name());
    }

    private static void check(Fault fault) throws Exception {
        if (!chosen(fault)) {
            return;
        }
        List<ChaosReport> run = harness.run(fault);
        reports.addAll(run);
        String table = ChaosTable.markdown(run);
        for (ChaosReport report : run) {
            assertThat(report.digest()).as("digest of %s under %s%n%s", report.workload(), fault.name(), table)
                    .isEqualTo(harness.expected(report.workload()));
            assertThat(report.processesLeft()).as("processes left under %s%n%s", fault.name(), table).isZero();
            assertThat(report.filesLeft()).as("files left under %s%n%s", fault.name(), table).isZero();
        }
    }
}
