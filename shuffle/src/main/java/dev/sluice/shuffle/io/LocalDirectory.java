package dev.sluice.shuffle.io;

import dev.sluice.common.FileTrees;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One application's temporary files on this node, spread over one or more local directories
 * ({@code sluice.local.dir}), and the naming scheme inside them. It hands out paths for shuffle files and spill
 * files, deletes a shuffle's files when the shuffle is no longer needed, and deletes everything when closed.
 *
 * <p>Each configured directory gets a root of its own, {@code <dir>/sluice-<appId>-<random>}. Layout inside a
 * root: {@code shuffle-<shuffleId>/shuffle_<shuffleId>_<mapId>.data|.index|.checksum} and
 * {@code spill/<purpose>-<n>.spill}. A new file goes to the root its name hashes to, unless a write there failed
 * lately ({@link DirectoryChooser}); the three files of a map output share one root, and the root a map output
 * was committed in is remembered, so readers find it wherever it went. Writers report failed writes through
 * {@link #writeFailure}, which sets a full or broken directory aside and names it in the error. The path methods
 * only compute names; writers create the shuffle directories they need. Thread-safe.
 */
public final class LocalDirectory implements Closeable {

    private static final Pattern UNSAFE_NAME_CHARACTERS = Pattern.compile("[^A-Za-z0-9_.-]");

    /** The configured directories, in order. */
    private final List<Path> parents;
    /** This application's root in each configured directory. */
    private final List<Path> roots;
    private final DirectoryChooser chooser;
    /** Where committed map outputs are: the index in {@link #roots}, by {@link #mapOutputKey}. */
    private final Map<Long, Integer> committedRoots = new ConcurrentHashMap<>();
    private final AtomicLong spillCounter = new AtomicLong();
    private final Object commitLock = new Object();
    private volatile boolean closed;

    private LocalDirectory(List<Path> parents, List<Path> roots) {
        this.parents = List.copyOf(parents);
        this.roots = List.copyOf(roots);
        this.chooser = new DirectoryChooser(roots.size());
    }

    /**
     * Creates a fresh directory {@code parent/sluice-<appId>-<random>} (creating {@code parent} if needed).
     *
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static LocalDirectory create(Path parent, String appId) {
        return create(List.of(parent), appId);
    }

    /**
     * Creates a fresh directory {@code parent/sluice-<appId>-<random>} in each of {@code parents} (creating them
     * if needed; a directory listed twice is used once). A directory that cannot be used is left out with a
     * warning, as long as another one can be.
     *
     * @throws IllegalArgumentException if {@code parents} is empty
     * @throws UncheckedIOException naming the directories that cannot be created, if none can
     */
    public static LocalDirectory create(List<Path> parents, String appId) {
        Objects.requireNonNull(appId, "appId");
        List<Path> distinct = new ArrayList<>(new LinkedHashSet<>(parents.stream()
                .map(p -> p.toAbsolutePath().normalize()).toList()));
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("No local directory given for application " + appId);
        }
        List<Path> usable = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        UncheckedIOException failure = null;
        for (Path parent : distinct) {
            Path root = null;
            try {
                Files.createDirectories(parent);
                root = createUniqueDirectory(parent, "sluice-" + safeName(appId) + "-");
                Files.createDirectory(root.resolve("spill"));
                usable.add(parent);
                roots.add(root);
            } catch (IOException e) {
                if (root != null) {
                    deleteQuietly(root);
                }
                UncheckedIOException unusable =
                        new UncheckedIOException("Cannot create a local directory under " + parent + ": " + e, e);
                if (failure == null) {
                    failure = unusable;
                } else {
                    failure.addSuppressed(unusable);
                }
            }
        }
        if (roots.isEmpty()) {
            throw failure;
        }
        if (failure != null) {
            // As Spark does with its local directories: a broken disk among several costs its share, not the job.
            Log.LOG.warn("Using {} of the local directories {}: {}", usable, distinct, failure.getMessage());
        }
        return new LocalDirectory(usable, roots);
    }

    /**
     * The logger, initialised by the first unusable directory or failed deletion: every local-mode context creates a
     * directory and deletes it on close.
     */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalDirectory.class);
    }

    /** Deletes a file or a directory tree if it exists, logging a failure: clean-up must not turn into a task failure. */
    private static void deleteQuietly(Path path) {
        FileTrees.deleteQuietly(path, (failed, e) -> Log.LOG.warn("Could not delete {}", failed, e));
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

    /** Returns the root in the first configured directory (where executors keep their logs and jars). */
    public Path root() {
        return roots.get(0);
    }

    /** Returns this application's root in each configured directory, in the configured order. */
    public List<Path> roots() {
        return roots;
    }

    /** Returns the path of the data file of map task {@code mapId} in shuffle {@code shuffleId}. */
    public Path shuffleDataFile(int shuffleId, int mapId) {
        return mapOutputDirectory(shuffleId, mapId).resolve(mapOutputName(shuffleId, mapId) + ".data");
    }

    /** Returns the path of the index file of map task {@code mapId} in shuffle {@code shuffleId}. */
    public Path shuffleIndexFile(int shuffleId, int mapId) {
        return mapOutputDirectory(shuffleId, mapId).resolve(mapOutputName(shuffleId, mapId) + ".index");
    }

    /** Returns the path of the checksum file of map task {@code mapId} in shuffle {@code shuffleId}. */
    public Path shuffleChecksumFile(int shuffleId, int mapId) {
        return mapOutputDirectory(shuffleId, mapId).resolve(mapOutputName(shuffleId, mapId) + ".checksum");
    }

    /**
     * Returns the path a new attempt of map task {@code mapId} writes its data file to before committing it: in
     * the root {@link DirectoryChooser} picks, which is another than the committed output's when that one's
     * directory is set aside. The file and its directory are not created.
     */
    Path newShuffleDataFile(int shuffleId, int mapId) {
        String name = mapOutputName(shuffleId, mapId);
        return shuffleDirectory(roots.get(chooser.choose(name)), shuffleId).resolve(name + ".data");
    }

    /** Records that the map output whose data file is {@code data} is committed, so readers look for it there. */
    void committed(int shuffleId, int mapId, Path data) {
        int root = rootIndexOf(data);
        if (root >= 0) {
            committedRoots.put(mapOutputKey(shuffleId, mapId), root);
        }
    }

    /**
     * Returns a new, unique path for a spill file; {@code purpose} (such as "sort") appears in the name
     * for easier debugging. The file is not created.
     *
     * @throws IllegalStateException if this directory has been closed
     */
    public Path newSpillFile(String purpose) {
        if (closed) {
            throw new IllegalStateException("Local directory " + roots + " is closed");
        }
        String name = safeName(purpose) + "-" + spillCounter.incrementAndGet() + ".spill";
        return roots.get(chooser.choose(name)).resolve("spill").resolve(name);
    }

    /**
     * Turns a failed write of {@code file} into the exception to throw, after setting the file's directory aside
     * if the failure says the disk is full or broken (so new files, and retried tasks, go to the other
     * directories). Delete the file before or after calling this.
     *
     * @param file the file being written (or whose directory was being created)
     * @param operation what was being done, such as "writing shuffle output", "spilling" or "caching a block"
     * @param failure what the write threw
     * @param message the message of the {@link UncheckedIOException} for a failure that is not the disk's fault
     * @return a {@link LocalDiskFullException} for a full disk; otherwise {@code failure} itself if it is unchecked,
     *     or an {@link UncheckedIOException} with {@code message} (naming the directory if the disk is broken)
     */
    public RuntimeException writeFailure(Path file, String operation, Exception failure, String message) {
        DiskFault fault = DiskFault.of(failure);
        int root = rootIndexOf(file);
        if (fault != DiskFault.NONE && root >= 0) {
            chooser.setAside(root);
        }
        Path directory = root >= 0 ? parents.get(root) : file.getParent();
        if (fault == DiskFault.NO_SPACE) {
            return new LocalDiskFullException(directory, operation, file, DiskFault.ioCause(failure));
        }
        if (fault == DiskFault.BROKEN) {
            return new UncheckedIOException("Local directory " + directory + " failed: " + operation
                    + " failed writing " + file + "; it gets no new files for a while", DiskFault.ioCause(failure));
        }
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        return new UncheckedIOException(message, failure instanceof IOException io ? io : new IOException(failure));
    }

    /** Whether the configured directory at {@code index} is set aside for new files now (for tests). */
    boolean isSetAside(int index) {
        return chooser.isSetAside(index);
    }

    /** Deletes a spill or temporary file, if it exists. Failures are logged, not thrown. */
    public void deleteFile(Path file) {
        deleteQuietly(file);
    }

    /** Deletes all files of shuffle {@code shuffleId}, in every directory. Failures are logged, not thrown. */
    public void removeShuffle(int shuffleId) {
        committedRoots.keySet().removeIf(key -> (int) (key >>> 32) == shuffleId);
        for (Path root : roots) {
            deleteQuietly(shuffleDirectory(root, shuffleId));
        }
    }

    /** Deletes every root and everything in them. Idempotent; failures are logged, not thrown. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        roots.forEach(LocalDirectory::deleteQuietly);
    }

    @Override
    public String toString() {
        return "LocalDirectory" + roots;
    }

    /** Serializes map output commits, so concurrent attempts of one map task cannot interleave renames. */
    Object commitLock() {
        return commitLock;
    }

    /** The shuffle directory of the root holding a map output: where it was committed, else its preferred root. */
    private Path mapOutputDirectory(int shuffleId, int mapId) {
        Integer committed = committedRoots.get(mapOutputKey(shuffleId, mapId));
        int root = committed != null ? committed : chooser.preferred(mapOutputName(shuffleId, mapId));
        return shuffleDirectory(roots.get(root), shuffleId);
    }

    /** The index of the root {@code file} is in, or -1. */
    private int rootIndexOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (int i = 0; i < roots.size(); i++) {
            if (absolute.startsWith(roots.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Path shuffleDirectory(Path root, int shuffleId) {
        return root.resolve("shuffle-" + shuffleId);
    }

    private static long mapOutputKey(int shuffleId, int mapId) {
        return ((long) shuffleId << 32) | (mapId & 0xFFFFFFFFL);
    }

    private static String mapOutputName(int shuffleId, int mapId) {
        return "shuffle_" + shuffleId + "_" + mapId;
    }

    private static String safeName(String name) {
        return UNSAFE_NAME_CHARACTERS.matcher(name).replaceAll("_");
    }
}
