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
 * files on disk. An output whose data file is gone or truncated is replaced.
 */
public final class MapOutputCommitter {

    private MapOutputCommitter() {}

    /**
     * Returns a fresh temporary path next to the final data file of the given map task, creating the
     * shuffle's directory if needed. Pass it to {@link #commit} when written.
     */
    public static Path newTempDataFile(LocalDirectory dirs, int shuffleId, int mapId) {
        Path data = dirs.shuffleDataFile(shuffleId, mapId);
        try {
            Files.createDirectories(data.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create shuffle directory " + data.getParent(), e);
        }
        return tempSibling(data);
    }

    /**
     * Commits {@code tempData}, which holds the segments of all partitions back to back, with their
     * lengths. The temporary file is gone afterwards, whatever happens.
     *
     * @return the status of the committed output: this one, or the earlier one that won
     * @throws UncheckedIOException if the files cannot be written or moved
     */
    public static MapStatus commit(
            LocalDirectory dirs, int shuffleId, int mapId, Path tempData, long[] partitionLengths) {
        Path data = dirs.shuffleDataFile(shuffleId, mapId);
        Path index = dirs.shuffleIndexFile(shuffleId, mapId);
        Path checksums = dirs.shuffleChecksumFile(shuffleId, mapId);
        Path tempIndex = tempSibling(index);
        Path tempChecksums = tempSibling(checksums);
        try {
            requireLength(tempData, new MapStatus(shuffleId, mapId, partitionLengths).totalBytes());
            ShuffleChecksums.write(tempChecksums, ShuffleChecksums.compute(tempData, partitionLengths));
            ShuffleIndex.write(tempIndex, partitionLengths);
            synchronized (dirs.commitLock()) {
                MapStatus existing = intactOutput(shuffleId, mapId, index, data);
                if (existing != null) {
                    return existing;
                }
                Files.deleteIfExists(index); // a broken earlier output: its index goes first, its data is replaced
                Files.move(tempData, data, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tempChecksums, checksums, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tempIndex, index, StandardCopyOption.ATOMIC_MOVE);
                return new MapStatus(shuffleId, mapId, partitionLengths);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit output of map " + mapId + " of shuffle " + shuffleId, e);
        } finally {
            FileTrees.deleteQuietly(tempData);
            FileTrees.deleteQuietly(tempChecksums);
            FileTrees.deleteQuietly(tempIndex);
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
