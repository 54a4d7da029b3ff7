package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The producer side of a streamed reply. The transport pulls one chunk at a time, only when the connection can
 * take more, so a slow reader slows the producer down instead of filling memory. Chunks are read on the
 * connection's I/O thread.
 */
public interface StreamSource extends AutoCloseable {

    /**
     * The next chunk, or {@code null} at the end of the stream.
     *
     * @param allocator the allocator to take the chunk's buffer from
     * @param maxBytes the most bytes the chunk may hold
     * @return a buffer of at most {@code maxBytes} readable bytes whose ownership passes to the caller
     */
    ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException;

    /**
     * The next piece of the stream as a region of a file, sent without copying on connections without TLS; null
     * when the next piece is not in a file (the transport then calls {@link #readChunk}). Only called on
     * unencrypted connections; the default never offers a region.
     *
     * @param maxBytes the most bytes the region may hold
     * @return a region of at most {@code maxBytes} bytes whose ownership passes to the caller, or null
     */
    default FileRegion readRegion(int maxBytes) throws IOException {
        return null;
    }

    /** The total number of bytes, or -1 if unknown. */
    default long length() {
        return -1;
    }

    /** Frees what the source holds; called exactly once by the transport, whether or not it reached the end. */
    @Override
    void close();

    /** A source streaming the readable bytes of {@code content}, whose ownership passes to the source. */
    static StreamSource of(ByteBuf content) {
        return new ByteBufStreamSource(content);
    }

    /** A source streaming {@code bytes} (not copied). */
    static StreamSource of(byte[] bytes) {
        return new ByteBufStreamSource(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * A source streaming {@code length} bytes of {@code file} from {@code offset}, e.g. one segment of a shuffle
     * data file.
     *
     * @throws IOException if the file cannot be opened or is shorter than {@code offset + length}
     */
    static StreamSource ofFileRange(Path file, long offset, long length) throws IOException {
        return new FileRangeStreamSource(file, offset, length);
    }
}
