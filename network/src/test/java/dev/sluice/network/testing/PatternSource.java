package dev.sluice.network.testing;

import dev.sluice.network.StreamSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A stream source of a deterministic byte pattern, generated chunk by chunk (no large array), which counts the
 * chunks read and can be told to fail after some of them.
 */
public final class PatternSource implements StreamSource {

    private final long length;
    private final int failAfterChunks;
    private final AtomicInteger chunksRead = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long position;

    private PatternSource(long length, int failAfterChunks) {
        this.length = length;
        this.failAfterChunks = failAfterChunks;
    }

    /** A source of {@code length} pattern bytes. */
    public static PatternSource of(long length) {
        return new PatternSource(length, Integer.MAX_VALUE);
    }

    /** A source that throws an {@link IOException} when asked for chunk number {@code chunks + 1}. */
    public static PatternSource failingAfter(long length, int chunks) {
        return new PatternSource(length, chunks);
    }

    /** The byte at {@code index} of the pattern. */
    public static byte byteAt(long index) {
        return (byte) (index * 31 + (index >>> 11));
    }

    /** The CRC32 of the first {@code length} pattern bytes. */
    public static long crcOf(long length) {
        CRC32 crc = new CRC32();
        byte[] block = new byte[64 << 10];
        for (long offset = 0; offset < length; offset += block.length) {
            int count = (int) Math.min(block.length, length - offset);
            for (int i = 0; i < count; i++) {
                block[i] = byteAt(offset + i);
            }
            crc.update(block, 0, count);
        }
        return crc.getValue();
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException {
        if (chunksRead.get() >= failAfterChunks) {
            throw new IOException("disk read error at chunk " + chunksRead.get());
        }
        if (position >= length) {
            return null;
        }
        int count = (int) Math.min(maxBytes, length - position);
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = byteAt(position + i);
        }
        // one write: with PARANOID leak detection every buffer access records a stack trace
        ByteBuf chunk = allocator.directBuffer(count).writeBytes(bytes);
        position += count;
        chunksRead.incrementAndGet();
        return chunk;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** The number of chunks handed out so far. */
    public int chunksRead() {
        return chunksRead.get();
    }

    /** Whether the transport closed the source. */
    public boolean isClosed() {
        return closed.get();
    }
}
