package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The successful reply to a request.
 *
 * @param requestId the id of the request answered
 * @param body the payload
 */
public record ResponseFrame(long requestId, ByteBuf body) implements BodyFrame {
    @Override
    public FrameType type() {
        return FrameType.RESPONSE;
    }
}
