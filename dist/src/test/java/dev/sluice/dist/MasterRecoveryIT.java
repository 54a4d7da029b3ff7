package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.dist.apps.GatedSum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master dies (SIGKILL) while an application runs and starts again on the same address with FILESYSTEM
 * recovery: the workers and the driver register again, the application finishes with the exact result, and the
 * master shows the same workers.
 */
class MasterRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void aRestartedMasterTakesBackWorkersAndTheRunningApplication() throws Exception {
        int port = Cluster.freePort();
        Path recovery = dir.resolve("recovery");
        try (Cluster cluster = new Cluster(dir, "sluice.worker.timeout=6s", "sluice.recovery.mode=FILESYSTEM",
                "sluice.recovery.directory=" + recovery)) {
            Cluster.Master master = cluster.startMaster("--port", Integer.toString(port));
            cluster.startWorker(master.url(), 1);
            cluster.startWorker(master.url(), 1);
            Cluster.await("two workers", Duration.ofSeconds(30), () -> workerIds(cluster, master.url()).size() == 2);
            Set<String> workers = workerIds(cluster, master.url());

            Path jar = Cluster.testAppJar(dir.resolve("gated.jar"), "dev/sluice/dist/apps");
            Path gate = Files.createDirectories(dir.resolve("gate"));
            Path output = dir.resolve("sum.txt");
            Process app = cluster.start(List.of("submit", "--master", master.url(), "--class",
                    "dev.sluice.dist.apps.GatedSum", jar.toString(), gate.toString(), output.toString()));
            Cluster.await("map tasks running", Duration.ofSeconds(60), () -> GatedSum.attemptsAtGate(gate) >= 2);

            master.process().destroyForcibly().waitFor();
            Cluster.Master restarted = cluster.startMaster("--port", Integer.toString(port));
            assertThat(restarted.url()).isEqualTo(master.url());
            // A worker's registration ask may wait out its 10 s timeout more than once while the restarted master
            // starts and connects back to it on a busy machine: give it several.
            Cluster.await("the workers to register again", Duration.ofSeconds(90),
                    () -> aliveWorkerIds(cluster, restarted.url()).equals(workers));
            Cluster.await("the application to register again", Duration.ofSeconds(90),
                    () -> applicationState(cluster, restarted.url()).equals("RUNNING"));
            Files.createFile(gate.resolve("open"));

            Cluster.Result result = cluster.await(app, Duration.ofMinutes(2));
            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(Files.readString(output)).isEqualTo(GatedSum.expected());
            assertThat(aliveWorkerIds(cluster, restarted.url())).isEqualTo(workers);
        }
    }


    private static Set<String> workerIds(Cluster cluster, String url) {
        return ids(cluster, url, false);
    }

    private static Set<String> aliveWorkerIds(Cluster cluster, String url) {
        return ids(cluster, url, true);
    }

    private static Set<String> ids(Cluster cluster, String url, boolean aliveOnly) {
        try {
            Set<String> ids = new TreeSet<>();
            for (JsonNode worker : cluster.status(url).get("workers")) {
                if (!aliveOnly || worker.get("state").asText().equals("ALIVE")) {
                    ids.add(worker.get("id").asText());
                }
            }
            return ids;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String applicationState(Cluster cluster, String url) {
        try {
            JsonNode apps = cluster.status(url).get("applications");
            return apps.isEmpty() ? "" : apps.get(0).get("state").asText();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
