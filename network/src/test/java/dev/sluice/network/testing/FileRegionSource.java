package dev.sluice.network.testing;

import dev.sluice.network.StreamSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/** Streams a file as file regions when the transport takes them, else as copied chunks, counting each kind. */
public final class FileRegionSource implements StreamSource {
    private final Path file;
    private final long length;
    private long position;
    public final AtomicInteger regions = new AtomicInteger();
    public final AtomicInteger chunks = new AtomicInteger();

    public FileRegionSource(Path file, long length) {
        this.file = file;
        this.length = length;
    }

    @Override
    public FileRegion readRegion(int maxBytes) {
        if (position == length) {
            return null;
        }
        long bytes = Math.min(maxBytes, length - position);
        FileRegion region = new DefaultFileRegion(file.toFile(), position, bytes);
        position += bytes;
        regions.incrementAndGet();
        return region;
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException {
        if (position == length) {
            return null;
        }
        int bytes = (int) Math.min(maxBytes, length - position);
        ByteBuf chunk = allocator.directBuffer(bytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (chunk.writableBytes() > 0) {
                chunk.writeBytes(channel, position + chunk.writerIndex(), chunk.writableBytes());
            }
        } catch (IOException | RuntimeException e) {
            chunk.release();
            throw e;
        }
        position += bytes;
        chunks.incrementAndGet();
        return chunk;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
    }
}
