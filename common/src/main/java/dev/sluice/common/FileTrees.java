package dev.sluice.common;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BiConsumer;

/** Deletes files and directory trees. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes {@code root} (a file, or a directory and everything below it), if it exists. Symbolic links are
     * deleted, not followed; entries that disappear meanwhile are ignored.
     */
    public static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new Deleter());
    }

    /**
     * Deletes {@code root} as {@link #deleteRecursively} does, but passes a failure to {@code onFailure} instead of
     * throwing it: for clean-up that must not turn into a failure of its own.
     */
    public static void deleteQuietly(Path root, BiConsumer<? super Path, ? super IOException> onFailure) {
        try {
            deleteRecursively(root);
        } catch (IOException e) {
            onFailure.accept(root, e);
        }
    }

    private static final class Deleter extends SimpleFileVisitor<Path> {

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
        }
    }
}
