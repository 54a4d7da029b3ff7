package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Executors must not outlive their driver: kill -9 the driver and they exit after the heartbeat timeout. */
@Timeout(120)
class OrphanedExecutorsTest {

    @TempDir
    Path localDir;

    @Test
    void executorsExitByThemselvesWhenTheirDriverIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process driver = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DriverProcessMain.class.getName(), localDir.toString())
                .redirectError(localDir.resolve("driver.stderr").toFile())
                .start();
        List<ProcessHandle> executors = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("EXECUTORS")) {
                // skip anything else the driver prints
            }
            assertThat(line).as("the driver's executor list").isNotNull();
            executors = Arrays.stream(line.substring("EXECUTORS".length()).trim().split(" "))
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid))).flatMap(Optional::stream).toList();
            assertThat(executors).hasSize(2).allMatch(ProcessHandle::isAlive);

            driver.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no goodbye to the executors

            List<ProcessHandle> watched = executors;
            ClusterFaults.await("the orphaned executors to exit", Duration.ofSeconds(60),
                    () -> watched.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            driver.destroyForcibly();
            executors.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
