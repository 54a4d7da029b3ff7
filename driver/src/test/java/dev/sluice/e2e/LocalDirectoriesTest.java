package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.Sluice;
import dev.sluice.storage.StorageLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice.local.dir} with several directories: shuffle files and disk-cached blocks are spread over all of
 * them, missing ones are created, and closing the context deletes the application's files in each.
 */
class LocalDirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void filesSpreadOverEveryDirectoryAndAreAllDeletedOnClose() {
        Path first = temp.resolve("disk1");
        Path second = temp.resolve("not-yet/disk2");
        try (Sluice sluice = E2e.local2("sluice.local.dir", first + " , " + second, "sluice.memory.maxBytes", "4m")) {
            Dataset<Pair<Long, Long>> sums = sluice.range(0, 200_000, 8)
                    .mapToPair(x -> Pair.of(x % 50_000, x)).reduceByKey(Long::sum, 8);
            sums.persist(StorageLevel.DISK_ONLY);

            assertThat(sums.count()).isEqualTo(50_000);

            for (Path dir : new Path[] {first, second}) {
                assertThat(filesEndingWith(dir, ".data")).as("shuffle data files in %s", dir).isPositive();
                assertThat(filesEndingWith(dir, ".index")).as("shuffle index files in %s", dir).isPositive();
            }
            assertThat(filesEndingWith(first, ".spill") + filesEndingWith(second, ".spill"))
                    .as("disk-cached blocks").isEqualTo(8);
        }
        assertThat(E2e.contentsOf(first)).isEmpty();
        assertThat(E2e.contentsOf(second)).isEmpty();
    }

    private static long filesEndingWith(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
