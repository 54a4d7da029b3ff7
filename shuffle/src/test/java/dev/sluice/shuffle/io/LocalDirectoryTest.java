package dev.sluice.shuffle.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void createsAFreshRootPerApplication() {
        try (LocalDirectory first = LocalDirectory.create(parent.resolve("nested"), "app/1");
                LocalDirectory second = LocalDirectory.create(parent.resolve("nested"), "app/1")) {
            assertThat(first.root()).isDirectory().hasParent(parent.resolve("nested"));
            assertThat(first.root().getFileName().toString()).startsWith("sluice-app_1-");
            assertThat(second.root()).isNotEqualTo(first.root());
        }
    }

    @Test
    void theRootIsPrivateToItsOwner() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                parent.getFileSystem().supportedFileAttributeViews().contains("posix"));
        try (LocalDirectory dirs = LocalDirectory.create(parent, "app")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dirs.root())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void manyApplicationsOfOneNameGetDistinctRoots() {
        Set<Path> roots = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            LocalDirectory dirs = LocalDirectory.create(parent, "same");
            assertThat(roots.add(dirs.root())).isTrue();
        }
        assertThat(roots).allSatisfy(root -> assertThat(root).isDirectory());
    }

    @Test
    void handsOutUniqueSpillFiles() {
        try (LocalDirectory dirs = LocalDirectory.create(parent, "app")) {
            Set<Path> spills = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                Path spill = dirs.newSpillFile("sort run");
                assertThat(spill).startsWithRaw(dirs.root());
                assertThat(spill.getFileName().toString()).startsWith("sort_run-");
                spills.add(spill);
            }
            assertThat(spills).hasSize(100);
        }
    }

    @Test
    void removeShuffleDeletesOnlyThatShuffle() throws IOException {
        try (LocalDirectory dirs = LocalDirectory.create(parent, "app")) {
            Path removed = touch(dirs.shuffleDataFile(1, 0));
            Path removedIndex = touch(dirs.shuffleIndexFile(1, 7));
            Path kept = touch(dirs.shuffleDataFile(2, 0));

            dirs.removeShuffle(1);
            dirs.removeShuffle(99);

            assertThat(removed).doesNotExist();
            assertThat(removedIndex).doesNotExist();
            assertThat(kept).exists();
        }
    }

    @Test
    void closeDeletesEverything() throws IOException {
        LocalDirectory dirs = LocalDirectory.create(parent, "app");
        touch(dirs.shuffleDataFile(1, 0));
        touch(dirs.newSpillFile("x"));

        dirs.close();
        dirs.close();

        assertThat(dirs.root()).doesNotExist();
        assertThatThrownBy(() -> dirs.newSpillFile("late")).isInstanceOf(IllegalStateException.class);
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }
}
