package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.dist.apps.GatedSum;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes of a running application die: a worker (killed with SIGKILL, so its executor goes with it) and an
 * executor alone. The job, held at a gate while the test breaks things, must still give the exact result. The
 * master, workers and executors use a 3 s timeout, so that a silent worker is noticed quickly.
 */
class ClusterFailuresIT {
    private static final String TIMEOUT = "3s";

    @TempDir
    Path dir;
    Cluster cluster;
    Cluster.Master master;
    Path appJar;
    Path gate;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new Cluster(dir, "sluice.worker.timeout=" + TIMEOUT, "sluice.executor.heartbeatTimeout=" + TIMEOUT);
        master = cluster.startMaster();
        appJar = Cluster.testAppJar(dir.resolve("gated.jar"), "dev/sluice/dist/apps");
        gate = Files.createDirectories(dir.resolve("gate"));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private Process submitGatedSum(Path output) throws IOException {
        return cluster.start(List.of("submit", "--master", master.url(), "--executor-cores", "1",
                "--class", "dev.sluice.dist.apps.GatedSum", appJar.toString(), gate.toString(), output.toString()));
    }

    private long startedAttempts() {
        return GatedSum.attemptsAtGate(gate);
    }

    @Test
    void aKilledWorkersTasksRunElsewhereAndTheJobCompletes() throws Exception {
        Process doomed = cluster.startWorker(master.url(), 1);
        cluster.startWorker(master.url(), 1);
        Path output = dir.resolve("sum.txt");
        Process app = submitGatedSum(output);
        Cluster.await("map tasks running on both workers", Duration.ofSeconds(60), () -> startedAttempts() >= 2);

        List<ProcessHandle> doomedExecutors = doomed.descendants().toList();
        assertThat(doomedExecutors).as("the worker's executor").isNotEmpty();
        doomed.destroyForcibly().waitFor();
        Cluster.await("the dead worker's executor to stop on its own", Duration.ofSeconds(30),
                () -> doomedExecutors.stream().noneMatch(ProcessHandle::isAlive));
        Cluster.await("the master to declare the worker dead", Duration.ofSeconds(30), () -> workerStates().size() == 1);
        Files.createFile(gate.resolve("open"));

        Cluster.Result result = cluster.await(app, Duration.ofMinutes(2));
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(Files.readString(output)).isEqualTo(GatedSum.expected());
    }

    @Test
    void aKilledExecutorIsReportedAndReplaced() throws Exception {
        Process worker = cluster.startWorker(master.url(), 2);
        Path output = dir.resolve("sum.txt");
        Process app = submitGatedSum(output);
        Cluster.await("map tasks running", Duration.ofSeconds(60), () -> startedAttempts() >= 2);
        List<ProcessHandle> executors = worker.children().toList();
        assertThat(executors).hasSize(2);

        executors.get(0).destroyForcibly();
        Cluster.await("a replacement executor", Duration.ofSeconds(30), () -> executorIds().contains("2"));
        Files.createFile(gate.resolve("open"));

        Cluster.Result result = cluster.await(app, Duration.ofMinutes(2));
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(Files.readString(output)).isEqualTo(GatedSum.expected());
    }

    @Test
    void killingAnApplicationFailsItsJobAndStopsItsExecutors() throws Exception {
        Process worker = cluster.startWorker(master.url(), 2);
        Process app = submitGatedSum(dir.resolve("sum.txt"));
        Cluster.await("map tasks running", Duration.ofSeconds(60), () -> startedAttempts() >= 2);
        String appId = cluster.status(master.url()).get("applications").get(0).get("id").asText();

        Cluster.Result kill = cluster.run("kill", "--master", master.url(), appId);

        assertThat(kill.exitCode()).as("%s", kill).isZero();
        assertThat(kill.out()).contains("killed " + appId);
        Cluster.Result result = cluster.await(app, Duration.ofMinutes(1));
        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("removed application " + appId + ": killed by a user");
        Cluster.await("its executors to stop", Duration.ofSeconds(30), () -> worker.children().findAny().isEmpty());
        JsonNode state = cluster.status(master.url()).get("applications").get(0);
        assertThat(state.get("state").asText()).isEqualTo("KILLED");
        Cluster.Result again = cluster.run("kill", "--master", master.url(), "app-that-never-was");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("knows no application or driver app-that-never-was");
    }

    @Test
    void killingAClusterModeDriverStopsItAndItsApplication() throws Exception {
        Process worker = cluster.startWorker(master.url(), 3);
        Cluster.Result submitted = cluster.run("submit", "--master", master.url(), "--deploy-mode", "cluster",
                "--class", "dev.sluice.dist.apps.GatedSum", appJar.toString(), gate.toString(),
                dir.resolve("sum.txt").toString());
        assertThat(submitted.exitCode()).as("%s", submitted).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("Submitted (driver-\\S+)").matcher(submitted.out());
        assertThat(id.find()).as(submitted.out()).isTrue();
        Cluster.await("the driver's tasks running", Duration.ofSeconds(60), () -> startedAttempts() >= 1);

        Cluster.Result kill = cluster.run("kill", "--master", master.url(), id.group(1));

        assertThat(kill.exitCode()).as("%s", kill).isZero();
        assertThat(kill.out()).contains("killing " + id.group(1));
        Cluster.await("the driver to be KILLED", Duration.ofSeconds(30),
                () -> state("drivers").equals("KILLED"));
        Cluster.await("the driver and its executors to stop", Duration.ofSeconds(30),
                () -> worker.children().findAny().isEmpty());
        assertThat(state("applications")).isEqualTo("FINISHED");
    }

    private String state(String section) {
        try {
            return cluster.status(master.url()).get(section).get(0).get("state").asText();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSupervisedDriverThatFailsIsLaunchedAgain() throws Exception {
        cluster.startWorker(master.url(), 2);
        Path output = dir.resolve("sum.txt");

        Cluster.Result result = cluster.run("submit", "--master", master.url(), "--deploy-mode", "cluster",
                "--supervise", "--wait", "--class", "dev.sluice.dist.apps.FailsOnce", appJar.toString(),
                dir.resolve("marker").toString(), output.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).containsPattern("driver-\\S+ FINISHED");
        assertThat(Files.readString(output)).isEqualTo("500500");
        JsonNode driver = cluster.status(master.url()).get("drivers").get(0);
        assertThat(driver.get("launches").asInt()).isEqualTo(2);
    }

    private List<String> workerStates() {
        try {
            List<String> states = new ArrayList<>();
            cluster.status(master.url()).get("workers").forEach(w -> states.add(w.get("state").asText()));
            return states;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> executorIds() {
        try {
            List<String> ids = new ArrayList<>();
            for (JsonNode app : cluster.status(master.url()).get("applications")) {
                app.get("executors").forEach(e -> ids.add(e.get("id").asText()));
            }
            return ids;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
