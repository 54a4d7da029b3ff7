package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/** Streams the readable bytes of a buffer as retained slices, without copying. */
final class ByteBufStreamSource implements StreamSource {

    private final ByteBuf content;
    private final long length;
    private boolean closed;

    ByteBufStreamSource(ByteBuf content) {
        this.content = Objects.requireNonNull(content, "content");
        this.length = content.readableBytes();
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) {
        if (closed || !content.isReadable()) {
            return null;
        }
        return content.readRetainedSlice(Math.min(maxBytes, content.readableBytes()));
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            content.release();
        }
    }
}
