package dev.sluice.network.protocol;

/**
 * Sizes of the frame layout: {@code [u32 length][u8 type][body]}, where {@code length} counts the type byte and
 * the body. Bodies of requests, replies and streams start with a 64-bit request id.
 */
public final class FrameFormat {

    /** Bytes of the length prefix. */
    public static final int LENGTH_FIELD_BYTES = 4;
    /** Bytes of the type field. */
    public static final int TYPE_BYTES = 1;
    /** Bytes of a request id. */
    public static final int REQUEST_ID_BYTES = Long.BYTES;

    private FrameFormat() {
    }
}
