package dev.sluice.shuffle.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.sluice.shuffle.testing.TestFiles;
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

    @Test
    void spreadsOverSeveralDirectoriesCreatingMissingOnes() throws IOException {
        Path first = parent.resolve("disk1");
        Path second = parent.resolve("missing/disk2");
        Files.createDirectories(first);

        LocalDirectory dirs = LocalDirectory.create(List.of(first, second, first), "app");

        assertThat(dirs.roots()).hasSize(2);
        assertThat(dirs.roots().get(0)).isDirectory().hasParent(first);
        assertThat(dirs.roots().get(1)).isDirectory().hasParent(second);
        assertThat(dirs.root()).isEqualTo(dirs.roots().get(0));
        Set<Path> spillRoots = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Path spill = touch(dirs.newSpillFile("sort"));
            spillRoots.add(dirs.roots().stream().filter(spill::startsWith).findFirst().orElseThrow());
        }
        Set<Path> shuffleRoots = new HashSet<>();
        for (int map = 0; map < 50; map++) {
            Path data = dirs.shuffleDataFile(3, map);
            assertThat(dirs.shuffleIndexFile(3, map)).hasParentRaw(data.getParent());
            shuffleRoots.add(dirs.roots().stream().filter(data::startsWith).findFirst().orElseThrow());
        }
        assertThat(spillRoots).containsExactlyInAnyOrderElementsOf(dirs.roots());
        assertThat(shuffleRoots).containsExactlyInAnyOrderElementsOf(dirs.roots());

        dirs.close();

        assertThat(dirs.roots()).allSatisfy(root -> assertThat(root).doesNotExist());
        assertThat(first).isEmptyDirectory();
        assertThat(second).isEmptyDirectory();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsLeftOutWhileAnotherWorks() throws IOException {
        Path file = Files.writeString(parent.resolve("a-file"), "not a directory");

        try (LocalDirectory dirs = LocalDirectory.create(List.of(file, parent.resolve("ok")), "app")) {
            assertThat(dirs.roots()).singleElement().satisfies(root -> assertThat(root).hasParent(parent.resolve("ok")));
        }
        assertThatThrownBy(() -> LocalDirectory.create(List.of(file), "app"))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("Cannot create a local directory under " + file);
    }

    @Test
    void aMapOutputCommittedAwayFromItsPreferredDirectoryIsFoundThereAndRemovedWithItsShuffle() throws IOException {
        LocalDirectory dirs = LocalDirectory.create(List.of(parent.resolve("a"), parent.resolve("b")), "app");
        int map = 0;
        while (!dirs.shuffleDataFile(5, map).startsWith(dirs.roots().get(0))) {
            map++;
        }
        Path full = dirs.roots().get(0);
        dirs.writeFailure(full.resolve("x"), "spilling", new IOException("No space left on device"), "unused");
        assertThat(dirs.isSetAside(0)).isTrue();

        Path temp = MapOutputCommitter.newTempDataFile(dirs, 5, map);
        Files.write(temp, new byte[] {1, 2, 3});
        MapOutputCommitter.commit(dirs, 5, map, temp, new long[] {1, 2});

        assertThat(temp).startsWithRaw(dirs.roots().get(1));
        assertThat(dirs.shuffleDataFile(5, map)).startsWith(dirs.roots().get(1)).hasSize(3);
        assertThat(dirs.shuffleIndexFile(5, map)).exists();
        assertThat(dirs.shuffleChecksumFile(5, map)).exists();
        assertThat(TestFiles.fileNames(full)).isEmpty();

        dirs.removeShuffle(5);

        assertThat(TestFiles.fileNames(dirs.roots().get(1))).isEmpty();
        dirs.close();
    }

    @Test
    void aFullDiskBecomesAnErrorNamingTheDirectoryAndTheOperation() {
        Path configured = parent.resolve("disk");
        try (LocalDirectory dirs = LocalDirectory.create(List.of(configured), "app")) {
            Path file = dirs.newSpillFile("sort");
            IOException enospc = new java.nio.file.FileSystemException(file.toString(), null, "No space left on device");

            RuntimeException error = dirs.writeFailure(file, "spilling", enospc, "unused");

            assertThat(error).isInstanceOf(LocalDiskFullException.class).hasCause(enospc)
                    .hasMessageContaining("Local directory " + configured + " has no space left")
                    .hasMessageContaining("spilling failed writing " + file);
            assertThat(((LocalDiskFullException) error).directory()).isEqualTo(configured);
            assertThat(dirs.writeFailure(file, "spilling", new IOException("Stream closed"), "Cannot spill"))
                    .isExactlyInstanceOf(java.io.UncheckedIOException.class).hasMessage("Cannot spill");
            assertThat(dirs.isSetAside(0)).isTrue();
            IllegalStateException unrelated = new IllegalStateException("bug");
            assertThat(dirs.writeFailure(file, "spilling", unrelated, "Cannot spill")).isSameAs(unrelated);
        }
    }

    @Test
    void aBrokenDiskIsSetAsideAndNamedButNotCalledFull() {
        Path configured = parent.resolve("disk");
        try (LocalDirectory dirs = LocalDirectory.create(List.of(configured, parent.resolve("other")), "app")) {
            Path file = dirs.roots().get(0).resolve("spill/sort-1.spill");

            RuntimeException error = dirs.writeFailure(file, "spilling",
                    new java.nio.file.FileSystemException(file.toString(), null, "Read-only file system"), "unused");

            assertThat(error).isExactlyInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("Local directory " + configured + " failed: spilling failed writing " + file);
            assertThat(dirs.isSetAside(0)).isTrue();
            assertThat(dirs.isSetAside(1)).isFalse();
            assertThat(dirs.newSpillFile("sort")).startsWithRaw(dirs.roots().get(1));
        }
    }
}
