package dev.sluice.shuffle.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The root directory of one application's temporary files on this node, and the naming scheme inside
 * it. It hands out paths for shuffle files and spill files, deletes a shuffle's files when the shuffle
 * is no longer needed, and deletes everything when closed.
 *
 * <p>Layout: {@code <root>/shuffle-<shuffleId>/shuffle_<shuffleId>_<mapId>.data|.index|.checksum} and
 * {@code <root>/spill/<purpose>-<n>.spill}. The path methods only compute names; writers create the
 * shuffle directories they need. Thread-safe.
 */
public final class LocalDirectory implements Closeable {

    private static final Pattern UNSAFE_NAME_CHARACTERS = Pattern.compile("[^A-Za-z0-9_.-]");

    private final Path root;
    private final Path spillDirectory;
    private final AtomicLong spillCounter = new AtomicLong();
    private final Object commitLock = new Object();
    private volatile boolean closed;

    private LocalDirectory(Path root, Path spillDirectory) {
        this.root = root;
        this.spillDirectory = spillDirectory;
    }

    /**
     * Creates a fresh directory {@code parent/sluice-<appId>-<random>} (creating {@code parent} if needed).
     *
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static LocalDirectory create(Path parent, String appId) {
        try {
            Files.createDirectories(parent);
            Path root = createUniqueDirectory(parent, "sluice-" + safeName(appId) + "-");
            return new LocalDirectory(root, Files.createDirectory(root.resolve("spill")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a local directory under " + parent, e);
        }
    }

    /**
     * A new directory {@code parent/<prefix><random>}, readable by its owner only where the file system has POSIX
     * permissions. Like {@link Files#createTempDirectory(Path, String, java.nio.file.attribute.FileAttribute[])},
     * but named from a non-cryptographic random: the JDK's method seeds a {@code SecureRandom}, which costs a
     * fresh JVM about 15 ms, a twentieth of local mode's first job. The name needs no secrecy, since
     * {@link Files#createDirectory} fails rather than reuse an existing path (a taken name is retried).
     */
    private static Path createUniqueDirectory(Path parent, String prefix) throws IOException {
        boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createDirectory(parent.resolve(prefix + suffix), ownerOnly);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Returns the root directory. */
    public Path root() {
        return root;
    }

    /** Returns the path of the data file of map task {@code mapId} in shuffle {@code shuffleId}. */
    public Path shuffleDataFile(int shuffleId, int mapId) {
        return shuffleDirectory(shuffleId).resolve(mapOutputName(shuffleId, mapId) + ".data");
    }

    /** Returns the path of the index file of map task {@code mapId} in shuffle {@code shuffleId}. */
    public Path shuffleIndexFile(int shuffleId, int mapId) {
        return shuffleDirectory(shuffleId).resolve(mapOutputName(shuffleId, mapId) + ".index");
    }

    /** Returns the path of the checksum file of map task {@code mapId} in shuffle {@code shuffleId}. */
    public Path shuffleChecksumFile(int shuffleId, int mapId) {
        return shuffleDirectory(shuffleId).resolve(mapOutputName(shuffleId, mapId) + ".checksum");
    }

    /**
     * Returns a new, unique path for a spill file; {@code purpose} (such as "sort") appears in the name
     * for easier debugging. The file is not created.
     *
     * @throws IllegalStateException if this directory has been closed
     */
    public Path newSpillFile(String purpose) {
        if (closed) {
            throw new IllegalStateException("Local directory " + root + " is closed");
        }
        return spillDirectory.resolve(safeName(purpose) + "-" + spillCounter.incrementAndGet() + ".spill");
    }

    /** Deletes a spill or temporary file, if it exists. Failures are logged, not thrown. */
    public void deleteFile(Path file) {
        FileTrees.deleteQuietly(file);
    }

    /** Deletes all files of shuffle {@code shuffleId}. Failures are logged, not thrown. */
    public void removeShuffle(int shuffleId) {
        FileTrees.deleteRecursively(shuffleDirectory(shuffleId));
    }

    /** Deletes the root directory and everything in it. Idempotent; failures are logged, not thrown. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        FileTrees.deleteRecursively(root);
    }

    @Override
    public String toString() {
        return "LocalDirectory[" + root + "]";
    }

    /** Serializes map output commits, so concurrent attempts of one map task cannot interleave renames. */
    Object commitLock() {
        return commitLock;
    }

    private Path shuffleDirectory(int shuffleId) {
        return root.resolve("shuffle-" + shuffleId);
    }

    private static String mapOutputName(int shuffleId, int mapId) {
        return "shuffle_" + shuffleId + "_" + mapId;
    }

    private static String safeName(String name) {
        return UNSAFE_NAME_CHARACTERS.matcher(name).replaceAll("_");
    }
}
