package dev.sluice.network.protocol;

/**
 * One decoded frame of a ready (authenticated or unauthenticated-by-configuration) connection. Frames that carry
 * a body are {@link BodyFrame}s and must be released exactly once by whoever ends up holding them.
 */
public sealed interface Frame permits BodyFrame, ErrorResponseFrame, StreamEndFrame, StreamRegionFrame, StrayHandshakeFrame {

    /** The wire type of this frame. */
    FrameType type();
}
