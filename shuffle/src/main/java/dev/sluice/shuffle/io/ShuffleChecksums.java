package dev.sluice.shuffle.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The CRC32C of each partition's segment of a map output, written when the output is committed so
 * that a reader elsewhere can tell a segment damaged on disk or on the wire from a sound one. The
 * checksum file holds one big-endian {@code int} per partition.
 */
public final class ShuffleChecksums {
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private ShuffleChecksums() {
    }

    /** The CRC32C of each segment of {@code data}, whose segments have {@code partitionLengths} bytes, back to back. */
    public static int[] compute(Path data, long[] partitionLengths) throws IOException {
        int[] checksums = new int[partitionLengths.length];
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            long position = 0;
            for (int partition = 0; partition < partitionLengths.length; partition++) {
                crc.reset();
                long left = partitionLengths[partition];
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int read = channel.read(buffer, position);
                    if (read < 0) {
                        throw new IOException(data + " ended at byte " + position + ", inside partition " + partition);
                    }
                    buffer.flip();
                    crc.update(buffer);
                    position += read;
                    left -= read;
                }
                checksums[partition] = (int) crc.getValue();
            }
        }
        return checksums;
    }

    static void write(Path file, int[] checksums) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(checksums.length * Integer.BYTES);
        for (int checksum : checksums) {
            bytes.putInt(checksum);
        }
        Files.write(file, bytes.array(), StandardOpenOption.CREATE_NEW);
    }

    /**
     * The checksums in {@code file}, or empty when the map output has none (it was written without
     * them).
     *
     * @throws IOException naming the file if it does not hold exactly {@code partitions} checksums
     */
    public static Optional<int[]> read(Path file, int partitions) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != partitions * Integer.BYTES) {
            throw new IOException("Checksum file " + file + " has " + bytes.length + " bytes, not " + partitions
                    + " checksums");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int[] checksums = new int[partitions];
        for (int i = 0; i < partitions; i++) {
            checksums[i] = buffer.getInt();
        }
        return Optional.of(checksums);
    }
}
