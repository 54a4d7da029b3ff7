package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;

/**
 * One chunk of a streamed reply; chunks of a stream arrive in order, followed by a {@link StreamEndFrame} or an
 * {@link ErrorResponseFrame}.
 *
 * @param requestId the id of the request answered
 * @param body the chunk's bytes
 */
public record StreamChunkFrame(long requestId, ByteBuf body) implements BodyFrame {
    @Override
    public FrameType type() {
        return FrameType.STREAM_CHUNK;
    }
}
