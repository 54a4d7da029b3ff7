package dev.sluice.shuffle.net;

import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.ShuffleChecksums;
import dev.sluice.shuffle.io.ShuffleIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The segment offsets of one map output, read from its index file by {@link ShuffleIndex}, and the CRC32C of
 * each segment recorded when it was committed (absent for outputs written without them), with the checks a server
 * makes before streaming any of it.
 */
record MapOutputSegments(Path dataFile, long[] offsets, Optional<int[]> checksums) {

    /**
     * Reads the index of map {@code mapId} of shuffle {@code shuffleId} and checks the data file covers it.
     *
     * @throws IOException naming the file if the index or data file is missing, malformed or too short
     */
    static MapOutputSegments read(LocalDirectory dirs, int shuffleId, int mapId) throws IOException {
        Path index = dirs.shuffleIndexFile(shuffleId, mapId);
        Path data = dirs.shuffleDataFile(shuffleId, mapId);
        if (!Files.exists(index)) {
            throw new IOException("no index file " + index);
        }
        long[] offsets = ShuffleIndex.readOffsets(index);
        if (!Files.exists(data)) {
            throw new IOException("no data file " + data);
        }
        long size = Files.size(data);
        if (size < offsets[offsets.length - 1]) {
            throw new IOException("data file " + data + " has " + size + " bytes but its index " + index
                    + " ends at offset " + offsets[offsets.length - 1]);
        }
        Optional<int[]> checksums = ShuffleChecksums.read(dirs.shuffleChecksumFile(shuffleId, mapId), offsets.length - 1);
        return new MapOutputSegments(data, offsets, checksums);
    }

    /** The number of reduce partitions. */
    int partitions() {
        return offsets.length - 1;
    }

    long offset(int reduceId) {
        return offsets[reduceId];
    }

    long length(int reduceId) {
        return offsets[reduceId + 1] - offsets[reduceId];
    }

    /** The CRC32C recorded for {@code reduceId}'s segment when the output was committed, if any. */
    Optional<Integer> checksum(int reduceId) {
        return checksums.map(all -> all[reduceId]);
    }
}
