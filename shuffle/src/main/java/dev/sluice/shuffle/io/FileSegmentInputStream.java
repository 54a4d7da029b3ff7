package dev.sluice.shuffle.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Streams one byte range of a file through positional reads on a shared channel. Unbuffered: the
 * serializer's input buffers. Closing the stream leaves the channel open; its owner closes it.
 */
final class FileSegmentInputStream extends InputStream {

    private final FileChannel channel;
    private final long end;
    private long position;

    FileSegmentInputStream(FileChannel channel, FileSegment segment) {
        this.channel = channel;
        this.position = segment.offset();
        this.end = segment.end();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        int read = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (read < 0) {
            throw new EOFException("File ended at offset " + position + ", before the segment end " + end);
        }
        position += read;
        return read;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
}
