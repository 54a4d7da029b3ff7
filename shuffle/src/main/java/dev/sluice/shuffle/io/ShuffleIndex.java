package dev.sluice.shuffle.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes index files: {@code numPartitions + 1} big-endian longs, the start offset of each
 * partition's segment in the data file followed by the data file's length.
 */
public final class ShuffleIndex {

    private ShuffleIndex() {}

    static void write(Path file, long[] partitionLengths) throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)))) {
            long offset = 0;
            out.writeLong(offset);
            for (long length : partitionLengths) {
                offset += length;
                out.writeLong(offset);
            }
        }
    }

    static long[] readPartitionLengths(Path file) throws IOException {
        long[] offsets = readOffsets(file);
        long[] lengths = new long[offsets.length - 1];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = offsets[i + 1] - offsets[i];
        }
        return lengths;
    }

    /**
     * The start offset of each partition's segment, followed by the data file's length, checked to be
     * non-negative and ascending.
     *
     * @throws IOException naming the file if it is truncated or corrupt
     */
    public static long[] readOffsets(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        requireWellFormed(file, bytes.capacity(), 0);
        long[] offsets = new long[bytes.capacity() / Long.BYTES];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = bytes.getLong();
            if (offsets[i] < 0 || i > 0 && offsets[i] < offsets[i - 1]) {
                throw new IOException("Index file " + file + " is corrupt: offset " + i + " is " + offsets[i]);
            }
        }
        return offsets;
    }

    /** Reads just the two offsets that bound reduce partition {@code reduceId}. */
    static FileSegment readSegment(Path file, int reduceId) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            requireWellFormed(file, channel.size(), reduceId);
            ByteBuffer offsets = ByteBuffer.allocate(2 * Long.BYTES);
            long position = (long) reduceId * Long.BYTES;
            while (offsets.hasRemaining()) {
                if (channel.read(offsets, position + offsets.position()) < 0) {
                    throw new IOException("Index file " + file + " shrank while being read");
                }
            }
            long start = offsets.getLong(0);
            long end = offsets.getLong(Long.BYTES);
            if (start < 0 || end < start) {
                throw new IOException("Index file " + file + " is corrupt: partition " + reduceId
                        + " spans offsets " + start + " to " + end);
            }
            return new FileSegment(start, end - start);
        }
    }

    private static void requireWellFormed(Path file, long size, int reduceId) throws IOException {
        if (size % Long.BYTES != 0 || size < 2L * Long.BYTES) {
            throw new IOException("Index file " + file + " is truncated or corrupt: " + size + " bytes");
        }
        long partitions = size / Long.BYTES - 1;
        if (reduceId >= partitions) {
            throw new IOException("Index file " + file + " covers " + partitions
                    + " partitions, not partition " + reduceId);
        }
    }
}
