package dev.sluice.shuffle.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A small {@code tmpfs} that a test mounts (as root) to get a directory that really runs out of space, with
 * {@code ENOSPC} from the kernel and nothing faked. {@link #mount} skips the test, saying why, when not root or when
 * {@code mount} fails; {@link #close} unmounts it and deletes the mount point, so use it in try-with-resources or
 * close it in {@code @AfterEach}.
 */
public final class Tmpfs implements AutoCloseable {
    private static final String FILLER = "filler";

    private final Path path;
    private boolean mounted;

    private Tmpfs(Path path) {
        this.path = path;
    }

    /**
     * Mounts a tmpfs of {@code size} (as {@code mount -o size=} takes it, e.g. {@code 2m}) on a fresh directory.
     * Aborts the calling test (an assumption, so it is reported as skipped) when this process is not root or the
     * mount fails.
     */
    public static Tmpfs mount(String size) {
        String uid = run("id", "-u").output().strip();
        Assumptions.assumeTrue(uid.equals("0"),
                "mounting a tmpfs to fill it up needs root; this test runs as uid " + uid);
        Tmpfs tmpfs;
        try {
            tmpfs = new Tmpfs(Files.createTempDirectory("sluice-tmpfs-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result mount = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", tmpfs.path.toString());
        if (mount.exitCode() != 0) {
            tmpfs.close();
        }
        Assumptions.assumeTrue(mount.exitCode() == 0,
                () -> "cannot mount a tmpfs on " + tmpfs.path + " (exit " + mount.exitCode() + "): " + mount.output());
        tmpfs.mounted = true;
        return tmpfs;
    }

    /** The mount point. */
    public Path path() {
        return path;
    }

    /** Writes a filler file until the file system says it has no space left. */
    public void fill() {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(path.resolve(FILLER))) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left on device")) {
                throw new UncheckedIOException("Filling " + path + " failed otherwise than by running out of space", e);
            }
        }
    }

    /** Deletes the filler file: the file system has space again. */
    public void free() {
        try {
            Files.deleteIfExists(path.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files under the mount point other than the filler and those {@code ignored}, relative to it. */
    public List<String> files(Predicate<Path> ignored) {
        return TestFiles.fileNames(path).stream()
                .filter(name -> !name.equals(FILLER) && !ignored.test(Path.of(name)))
                .toList();
    }

    /** Unmounts the tmpfs (lazily if it is busy) and deletes the mount point. */
    @Override
    public void close() {
        if (mounted) {
            Result umount = run("umount", path.toString());
            if (umount.exitCode() != 0) {
                Result lazy = run("umount", "-l", path.toString());
                if (lazy.exitCode() != 0) {
                    throw new IllegalStateException("Cannot unmount the tmpfs on " + path + ": " + umount.output()
                            + " / " + lazy.output());
                }
            }
            mounted = false;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the mount point " + path, e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, String.join(" ", command) + " was interrupted");
        }
    }
}
