package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Streams a byte range of a file through pooled buffers, reading each chunk when the connection wants it. */
final class FileRangeStreamSource implements StreamSource {

    private final Path file;
    private final FileChannel channel;
    private final long end;
    private final long length;
    private long position;

    FileRangeStreamSource(Path file, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, got offset " + offset
                    + " and length " + length + " of " + file);
        }
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        if (offset + length > size) {
            channel.close();
            throw new IOException("Cannot stream bytes " + offset + ".." + (offset + length) + " of " + file
                    + ": the file has only " + size + " bytes");
        }
        this.position = offset;
        this.end = offset + length;
        this.length = length;
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException {
        if (position >= end) {
            return null;
        }
        int chunkBytes = (int) Math.min(maxBytes, end - position);
        ByteBuf chunk = allocator.directBuffer(chunkBytes);
        try {
            while (chunk.readableBytes() < chunkBytes) {
                int read = chunk.writeBytes(channel, position, chunkBytes - chunk.readableBytes());
                if (read < 0) {
                    throw new IOException(file + " ended at byte " + position + ", before the end of the streamed "
                            + "range at byte " + end);
                }
                position += read;
            }
            return chunk;
        } catch (IOException | RuntimeException e) {
            chunk.release();
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through this channel, so nothing is lost by failing to close it
        }
    }
}
