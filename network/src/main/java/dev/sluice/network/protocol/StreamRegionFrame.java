package dev.sluice.network.protocol;

import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCounted;

/**
 * A stream chunk whose bytes are a region of a file, sent by the kernel without passing through user space
 * ({@code sendfile}). On the wire it is an ordinary {@code STREAM_CHUNK} frame: the receiver cannot tell the
 * difference. Only connections without TLS send it, since encryption must read the bytes.
 *
 * @param requestId the request the stream answers
 * @param region    the file bytes, owned by the frame
 */
public record StreamRegionFrame(long requestId, FileRegion region) implements Frame, ReferenceCounted {

    @Override
    public FrameType type() {
        return FrameType.STREAM_CHUNK;
    }

    @Override
    public int refCnt() {
        return region.refCnt();
    }

    @Override
    public StreamRegionFrame retain() {
        region.retain();
        return this;
    }

    @Override
    public StreamRegionFrame retain(int increment) {
        region.retain(increment);
        return this;
    }

    @Override
    public StreamRegionFrame touch() {
        region.touch();
        return this;
    }

    @Override
    public StreamRegionFrame touch(Object hint) {
        region.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return region.release();
    }

    @Override
    public boolean release(int decrement) {
        return region.release(decrement);
    }
}
