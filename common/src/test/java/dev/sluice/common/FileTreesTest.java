package dev.sluice.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void deletesATreeAndTheLinksInItButNotWhatTheyPointTo() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "kept");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside);
        Files.createSymbolicLink(dir.resolve("tree/dirlink"), dir);

        FileTrees.deleteRecursively(dir.resolve("tree"));

        assertThat(dir.resolve("tree")).doesNotExist();
        assertThat(outside).hasContent("kept");
    }

    @Test
    void aFileOrAMissingPathIsFine() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        FileTrees.deleteRecursively(file);
        FileTrees.deleteRecursively(dir.resolve("never-there"));

        assertThat(file).doesNotExist();
    }

    @Test
    void quietDeletionReportsAFailureInsteadOfThrowing() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        // A name longer than the file system allows: "file name too long", not "no such file", on every JDK
        // (a path below a regular file is "not a directory" on JDK 17, but "no such file" on JDK 25).
        Path tooLong = dir.resolve("x".repeat(300));
        List<Path> failed = new ArrayList<>();

        FileTrees.deleteQuietly(tooLong, (path, e) -> failed.add(path));
        FileTrees.deleteQuietly(dir.resolve("never-there"), (path, e) -> failed.add(path));

        assertThat(failed).containsExactly(tooLong);
        assertThat(file).exists();
    }
}
