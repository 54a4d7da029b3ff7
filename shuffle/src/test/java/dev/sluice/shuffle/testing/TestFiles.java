package dev.sluice.shuffle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** File helpers for tests. */
public final class TestFiles {

    private TestFiles() {}

    /** Returns the names of all regular files under {@code root}, sorted. */
    public static List<String> fileNames(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString())
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the names of files under {@code root} that are not committed map output files (data, index, checksum). */
    public static List<String> leftoverFiles(Path root) {
        return fileNames(root).stream()
                .filter(name -> !name.endsWith(".data") && !name.endsWith(".index") && !name.endsWith(".checksum"))
                .collect(Collectors.toList());
    }
}
