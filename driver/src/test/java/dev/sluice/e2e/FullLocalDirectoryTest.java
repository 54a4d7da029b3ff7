package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Dataset;
import dev.sluice.JobFailedException;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.shuffle.testing.FullTmpfs;
import dev.sluice.shuffle.testing.Tmpfs;
import dev.sluice.storage.StorageLevel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs whose local directory ({@code sluice.local.dir}) is full: a 2 MiB tmpfs that the test mounts (as root;
 * skipped, saying why, otherwise) and fills up, so the kernel itself answers "No space left on device". With a
 * healthy directory beside it the job retries there and is exact; alone, the job fails naming the directory, leaves
 * no partial file, and the context runs the next job once there is space. Runs on local and local-cluster masters.
 */
class FullLocalDirectoryTest {

    @TempDir
    Path healthy;

    @RegisterExtension
    final FullTmpfs full = new FullTmpfs("2m");

    private Tmpfs tmpfs() {
        return full.get();
    }

    private static PairDataset<Long, Long> sums(Sluice sluice) {
        return sluice.range(0, 100_000, 8).mapToPair(x -> Pair.of(x % 1_000, x)).reduceByKey(Long::sum, 4);
    }

    private static Map<Long, Long> expectedSums() {
        Map<Long, Long> expected = new HashMap<>();
        for (long x = 0; x < 100_000; x++) {
            expected.merge(x % 1_000, x, Long::sum);
        }
        return expected;
    }

    /** An executor's log in local-cluster mode (its work directory is in the first local directory). */
    private static boolean executorLog(Path file) {
        String name = file.getFileName().toString();
        return name.equals("stdout") || name.equals("stderr");
    }

    @Test
    void aJobWithOneFullDirectoryOfTwoRetriesInTheOtherAndIsExact() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = Sluice.builder().master(E2e.MASTER).appName("e2e").meterRegistry(registry)
                .config("sluice.local.dir", healthy + " , " + tmpfs().path()).create()) {

            assertThat(sums(sluice).collectAsMap()).isEqualTo(expectedSums());

            // Map outputs whose names hash to the full directory failed there once, then went to the healthy one.
            assertThat(E2e.counter(registry, "sluice.task.failures")).isPositive();
            assertThat(tmpfs().files(FullLocalDirectoryTest::executorLog)).isEmpty();
            assertThat(shuffleDataFiles(healthy)).isPositive();
        }
        assertThat(E2e.contentsOf(healthy)).isEmpty();
        assertThat(E2e.contentsOf(tmpfs().path()).stream().filter(p -> !p.getFileName().toString().equals("filler")))
                .isEmpty();
    }

    @Test
    void aJobWhoseOnlyDirectoryIsFullFailsNamingItAndTheContextRunsTheNextJobOnceThereIsSpace() {
        try (Sluice sluice = E2e.local2("sluice.local.dir", tmpfs().path().toString())) {
            PairDataset<Long, Long> sums = sums(sluice);

            assertThatThrownBy(sums::collectAsMap)
                    .isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("Local directory " + tmpfs().path()) // on local-cluster: an executor's directory in it
                    .hasMessageContaining("has no space left on device")
                    .hasMessageContaining("writing shuffle output");
            assertThat(tmpfs().files(FullLocalDirectoryTest::executorLog)).as("files left in the full directory").isEmpty();

            tmpfs().free();

            assertThat(sums.collectAsMap()).isEqualTo(expectedSums());
        }
        assertThat(E2e.contentsOf(tmpfs().path())).isEmpty();
    }

    @Test
    void cachingABlockOnAFullDiskFailsNamingTheDirectory() {
        try (Sluice sluice = E2e.local2("sluice.local.dir", tmpfs().path().toString())) {
            Dataset<Long> cached = sluice.range(0, 10_000, 2).persist(StorageLevel.DISK_ONLY);

            assertThatThrownBy(cached::count)
                    .isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("Local directory " + tmpfs().path()) // on local-cluster: an executor's directory in it
                    .hasMessageContaining("has no space left on device")
                    .hasMessageContaining("caching block");
            assertThat(tmpfs().files(FullLocalDirectoryTest::executorLog)).isEmpty();
            assertThat(sluice.range(0, 10, 2).count()).isEqualTo(10);
        }
    }

    @Test
    void saveAsTextFileOntoAFullDiskPublishesNothing() {
        Path output = tmpfs().path().resolve("out");
        try (Sluice sluice = E2e.local2("sluice.local.dir", healthy.toString())) {
            assertThatThrownBy(() -> sluice.range(0, 100_000, 4).saveAsTextFile(output.toString()))
                    .isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining(tmpfs().path().toString());

            assertThat(output).doesNotExist();
            assertThat(tmpfs().files(path -> false)).as("staging files").isEmpty();
            assertThat(E2e.contentsOf(tmpfs().path()).stream().filter(p -> !p.getFileName().toString().equals("filler")))
                    .as("staging directories").isEmpty();
        }
    }

    private static long shuffleDataFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".data")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
