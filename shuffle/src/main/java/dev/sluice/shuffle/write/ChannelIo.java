package dev.sluice.shuffle.write;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** Loops around channel calls that may move fewer bytes than asked. */
final class ChannelIo {

    private ChannelIo() {}

    static void writeFully(WritableByteChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Copies {@code count} bytes of {@code source} from {@code position} to the current position of {@code target}. */
    static void transferFully(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        while (count > 0) {
            long moved = source.transferTo(position, count, target);
            if (moved <= 0 && position >= source.size()) {
                throw new EOFException("File ended at offset " + position + " with " + count + " bytes still to copy");
            }
            position += moved;
            count -= moved;
        }
    }
}
