package dev.sluice.network.protocol;

/**
 * The end of a streamed reply.
 *
 * @param requestId the id of the request answered
 */
public record StreamEndFrame(long requestId) implements Frame {
    @Override
    public FrameType type() {
        return FrameType.STREAM_END;
    }
}
