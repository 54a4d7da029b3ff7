package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A frame owning a reference-counted body. Reference counting delegates to the body, so Netty's own clean-up
 * (a write to a closed channel, a failed flush) releases it like any buffer.
 */
public sealed interface BodyFrame extends Frame, ReferenceCounted
        permits RequestFrame, OneWayFrame, ResponseFrame, StreamChunkFrame {

    /** The payload, without the frame header. */
    ByteBuf body();

    @Override
    default int refCnt() {
        return body().refCnt();
    }

    @Override
    default BodyFrame retain() {
        body().retain();
        return this;
    }

    @Override
    default BodyFrame retain(int increment) {
        body().retain(increment);
        return this;
    }

    @Override
    default BodyFrame touch() {
        body().touch();
        return this;
    }

    @Override
    default BodyFrame touch(Object hint) {
        body().touch(hint);
        return this;
    }

    @Override
    default boolean release() {
        return body().release();
    }

    @Override
    default boolean release(int decrement) {
        return body().release(decrement);
    }
}
