package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A message that expects no reply.
 *
 * @param body the payload
 */
public record OneWayFrame(ByteBuf body) implements BodyFrame {
    @Override
    public FrameType type() {
        return FrameType.ONE_WAY;
    }
}
