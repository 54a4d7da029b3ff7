package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A request that expects one reply (a response, an error or a stream) with the same id.
 *
 * @param requestId the id the reply will carry, unique per connection
 * @param body the payload
 */
public record RequestFrame(long requestId, ByteBuf body) implements BodyFrame {
    @Override
    public FrameType type() {
        return FrameType.REQUEST;
    }
}
