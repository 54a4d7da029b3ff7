package dev.sluice.bench.net;

import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.MapOutputCommitter;
import dev.sluice.shuffle.io.MapStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes real map outputs for the benchmark: for each map task a data file of pseudo-random bytes, committed with
 * its index and checksum files by {@link MapOutputCommitter}, exactly as a map task's shuffle writer commits them.
 */
final class MapOutputFiles {

    private MapOutputFiles() {}

    /**
     * Commits map outputs {@code 0 .. maps - 1} of shuffle {@code shuffleId} into {@code dirs}, each with
     * {@code reduces} segments of {@code blockBytes} bytes.
     *
     * @return the bytes committed, as the committed map statuses count them
     */
    static long write(LocalDirectory dirs, int shuffleId, int maps, int reduces, int blockBytes) throws IOException {
        long[] lengths = new long[reduces];
        Arrays.fill(lengths, blockBytes);
        ByteBuffer block = ByteBuffer.allocate(blockBytes);
        long total = 0;
        for (int mapId = 0; mapId < maps; mapId++) {
            SplittableRandom random = new SplittableRandom(31L * shuffleId + mapId);
            Path temp = MapOutputCommitter.newTempDataFile(dirs, shuffleId, mapId);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (int reduceId = 0; reduceId < reduces; reduceId++) {
                    fill(block, random);
                    while (block.hasRemaining()) {
                        channel.write(block);
                    }
                }
            }
            MapStatus status = MapOutputCommitter.commit(dirs, shuffleId, mapId, temp, lengths);
            total += status.totalBytes();
        }
        return total;
    }

    /** Fills the whole buffer with random bytes and flips it for reading. */
    private static void fill(ByteBuffer block, SplittableRandom random) {
        block.clear();
        while (block.remaining() >= Long.BYTES) {
            block.putLong(random.nextLong());
        }
        while (block.hasRemaining()) {
            block.put((byte) random.nextInt());
        }
        block.flip();
    }
}
