package dev.sluice.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Sluice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local context's first job in a fresh JVM initialises only what it uses: not the metrics registry (Micrometer's
 * registry brings up slf4j), not the block cache (Caffeine), not the network (Netty), not local-cluster mode. Each
 * of them once cost tens of milliseconds of the first job (see the README's "Starting fast"). The job runs in a
 * child JVM that logs every class it initialises.
 */
class LocalStartTest {

    /** Class-name prefixes, in the JVM's internal form, that a local job must not initialise. */
    private static final List<String> UNUSED = List.of(
            "io/micrometer/core/instrument/simple/", "com/github/benmanes/caffeine/", "io/netty/", "org/slf4j/",
            "dev/sluice/executor/cluster/");

    @TempDir
    Path temp;

    @Test
    void aLocalJobInitialisesNeitherMetricsNorCacheNorNetworkNorLocalClusterMode() throws Exception {
        Path initialised = temp.resolve("class-init.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-Xlog:class+init=info:file=" + initialised,
                "-cp", System.getProperty("java.class.path"), FirstLocalJob.class.getName())
                .redirectErrorStream(true)
                .start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        } finally {
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).as("exit status; output:%n%s", output).isZero();
        assertThat(output).contains("SUM 500500");
        List<String> classes = Files.readAllLines(initialised).stream()
                .filter(line -> line.contains("Initializing '"))
                .map(line -> line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\'')))
                .toList();
        assertThat(classes).as("the log names the classes the job initialised")
                .contains("dev/sluice/driver/local/LocalRuntimeProvider");
        assertThat(classes).filteredOn(name -> UNUSED.stream().anyMatch(name::startsWith)).isEmpty();
    }

    /** The child JVM's program: one small job on a local context. */
    static final class FirstLocalJob {
        public static void main(String[] args) {
            try (Sluice sluice = Sluice.local(2)) {
                System.out.println("SUM " + sluice.range(0, 1000).map(x -> x + 1).reduce(Long::sum));
            }
        }
    }
}
