package dev.sluice.shuffle.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a map task's output: the data file, written under a temporary name, the CRC32C of each
 * of its partitions ({@link ShuffleChecksums}) and its index are moved into place atomically, data
 * first and index last. If another attempt of the same map task already
 * committed an intact output (index present, data file as long as the index says), the first committer wins:
 * the new files are discarded and the existing output's status is returned, so the status always describes the
 * files on disk. An output whose data file is gone or truncated is replaced, possibly by one in another local
 * directory (when a write in the first one failed), and readers then find the new one.
 */
public final class MapOutputCommitter {

    private MapOutputCommitter() {}

    /** The operation named when a map output cannot be written. */
    static final String OPERATION = "writing shuffle output";

    /**
     * Returns a fresh temporary path for the data file of the given map task, creating the shuffle's directory
     * if needed. It is in the local directory a new file of this map output goes to (see
     * {@link LocalDirectory}), and the output is committed beside it. Pass it to {@link #commit} when written.
     *
     * @throws UncheckedIOException if the directory cannot be created ({@link LocalDiskFullException} if full)
     */
    public static Path newTempDataFile(LocalDirectory dirs, int shuffleId, int mapId) {
        Path data = dirs.newShuffleDataFile(shuffleId, mapId);
        try {
            Files.createDirectories(data.getParent());
        } catch (IOException e) {
            throw dirs.writeFailure(data, OPERATION, e, "Cannot create shuffle directory " + data.getParent());
        }
        return tempSibling(data);
    }

    /**
     * Commits {@code tempData} (from {@link #newTempDataFile}), which holds the segments of all partitions back to
     * back, with their lengths: the output's files are published in {@code tempData}'s directory. The temporary
     * files are gone afterwards, whatever happens, and nothing is published unless all of them were written.
     *
     * @return the status of the committed output: this one, or the earlier one that won
     * @throws UncheckedIOException if the files cannot be written or moved ({@link LocalDiskFullException} if the
     *     directory is full)
     */
    public static MapStatus commit(
            LocalDirectory dirs, int shuffleId, int mapId, Path tempData, long[] partitionLengths) {
        String name = tempData.getFileName().toString();
        Path data = tempData.resolveSibling(name.substring(0, name.indexOf(".data.") + ".data".length()));
        String base = data.getFileName().toString().replaceFirst("\\.data$", "");
        Path index = data.resolveSibling(base + ".index");
        Path checksums = data.resolveSibling(base + ".checksum");
        Path tempIndex = tempSibling(index);
        Path tempChecksums = tempSibling(checksums);
        Path writing = tempChecksums;
        try {
            requireLength(tempData, new MapStatus(shuffleId, mapId, partitionLengths).totalBytes());
            ShuffleChecksums.write(tempChecksums, ShuffleChecksums.compute(tempData, partitionLengths));
            writing = tempIndex;
            ShuffleIndex.write(tempIndex, partitionLengths);
            writing = data;
            synchronized (dirs.commitLock()) {
                Path committedIndex = dirs.shuffleIndexFile(shuffleId, mapId);
                Path committedData = dirs.shuffleDataFile(shuffleId, mapId);
                MapStatus existing = intactOutput(shuffleId, mapId, committedIndex, committedData);
                if (existing != null) {
                    return existing;
                }
                // A broken earlier output: its index goes first, its data is replaced (or deleted, if elsewhere).
                Files.deleteIfExists(committedIndex);
                if (!committedData.equals(data)) {
                    Files.deleteIfExists(committedData);
                    Files.deleteIfExists(dirs.shuffleChecksumFile(shuffleId, mapId));
                }
                Files.move(tempData, data, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tempChecksums, checksums, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tempIndex, index, StandardCopyOption.ATOMIC_MOVE);
                dirs.committed(shuffleId, mapId, data);
                return new MapStatus(shuffleId, mapId, partitionLengths);
            }
        } catch (IOException e) {
            throw dirs.writeFailure(writing, OPERATION, e,
                    "Cannot commit output of map " + mapId + " of shuffle " + shuffleId);
        } finally {
            dirs.deleteFile(tempData);
            dirs.deleteFile(tempChecksums);
            dirs.deleteFile(tempIndex);
        }
    }

    /** The status of the committed output if its index and data file agree, else null. */
    private static MapStatus intactOutput(int shuffleId, int mapId, Path index, Path data) {
        if (!Files.exists(index)) {
            return null;
        }
        try {
            MapStatus status = new MapStatus(shuffleId, mapId, ShuffleIndex.readPartitionLengths(index));
            return Files.size(data) == status.totalBytes() ? status : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void requireLength(Path file, long expected) throws IOException {
        long actual = Files.size(file);
        if (actual != expected) {
            throw new IllegalStateException(
                    "Data file " + file + " has " + actual + " bytes but its partitions add up to " + expected);
        }
    }

    private static Path tempSibling(Path file) {
        return file.resolveSibling(file.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    }
}
