package dev.sluice.shuffle.net;

import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.MapOutputCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes real map outputs (data and index files committed by {@link MapOutputCommitter}) for tests. */
final class MapOutputs {

    private MapOutputs() {}

    /** Commits map {@code mapId} of {@code shuffleId} with segments of the given sizes filled from {@code random}. */
    static void write(LocalDirectory dirs, int shuffleId, int mapId, long[] sizes, Random random) {
        Path temp = MapOutputCommitter.newTempDataFile(dirs, shuffleId, mapId);
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        byte[] bytes = new byte[Math.toIntExact(total)];
        random.nextBytes(bytes);
        try {
            Files.write(temp, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MapOutputCommitter.commit(dirs, shuffleId, mapId, temp, sizes);
    }
}
