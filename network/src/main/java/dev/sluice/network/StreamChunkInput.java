package dev.sluice.network;

import dev.sluice.network.protocol.Frame;
import dev.sluice.network.protocol.StreamChunkFrame;
import dev.sluice.network.protocol.StreamEndFrame;
import dev.sluice.network.protocol.StreamRegionFrame;
import io.netty.channel.FileRegion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * Adapts a {@link StreamSource} to Netty's {@link io.netty.handler.stream.ChunkedWriteHandler}, which pulls the
 * next chunk only while the connection is writable: the frames of one streamed reply, ending with its
 * {@link StreamEndFrame}.
 */
final class StreamChunkInput implements ChunkedInput<Frame> {

    private final long requestId;
    private final StreamSource source;
    private final int chunkBytes;
    private final boolean zeroCopy;
    private long bytesSent;
    private boolean ended;
    private boolean closed;

    /** {@code zeroCopy}: the connection is not encrypted, so file regions may be sent as they are. */
    StreamChunkInput(long requestId, StreamSource source, int chunkBytes, boolean zeroCopy) {
        this.requestId = requestId;
        this.source = source;
        this.chunkBytes = chunkBytes;
        this.zeroCopy = zeroCopy;
    }

    @Override
    public boolean isEndOfInput() {
        return ended;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            source.close();
        }
    }

    @Deprecated
    @Override
    public Frame readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public Frame readChunk(ByteBufAllocator allocator) throws Exception {
        if (ended) {
            return null;
        }
        if (zeroCopy) {
            FileRegion region = source.readRegion(chunkBytes);
            if (region != null) {
                if (region.count() > chunkBytes || region.count() <= 0) {
                    long size = region.count();
                    region.release();
                    throw new IllegalStateException(source.getClass().getName() + " returned a region of " + size
                            + " bytes; expected 1 to " + chunkBytes);
                }
                bytesSent += region.count();
                return new StreamRegionFrame(requestId, region);
            }
        }
        ByteBuf chunk = source.readChunk(allocator, chunkBytes);
        if (chunk == null) {
            ended = true;
            return new StreamEndFrame(requestId);
        }
        if (chunk.readableBytes() > chunkBytes) {
            int size = chunk.readableBytes();
            chunk.release();
            throw new IllegalStateException(source.getClass().getName() + " returned a chunk of " + size
                    + " bytes, more than the " + chunkBytes + " bytes asked for");
        }
        bytesSent += chunk.readableBytes();
        return new StreamChunkFrame(requestId, chunk);
    }

    @Override
    public long length() {
        return source.length();
    }

    @Override
    public long progress() {
        return bytesSent;
    }
}
