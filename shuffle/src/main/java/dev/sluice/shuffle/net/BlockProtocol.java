package dev.sluice.shuffle.net;

import dev.sluice.network.serialization.ControlSerializer;
import java.util.List;

/**
 * The block service's wire format, shared by server and fetcher.
 *
 * <p>A request is one {@link FetchBlocks} control message encoded by a {@link ControlSerializer} over
 * {@link #CLASSES}. Its reply is a stream holding, for each requested reduce id in request order, a header
 * {@code i32 reduceId | i64 length} ({@value #HEADER_BYTES} bytes, big-endian), the segment's {@code length} bytes,
 * and a trailer {@code i32 crc32c} ({@value #TRAILER_BYTES} bytes) of those bytes as the server read them. The
 * checksum comes after the bytes so the server computes it in the same single pass that streams them. A request
 * the server cannot answer (missing map output, reduce id beyond the index) gets an error response instead.
 */
public final class BlockProtocol {

    /** The control message classes, in registration order; both sides must use this list. */
    public static final List<Class<?>> CLASSES = List.of(FetchBlocks.class, int[].class);

    /** Bytes of a block header: reduce id and length. */
    public static final int HEADER_BYTES = Integer.BYTES + Long.BYTES;

    /** Bytes of a block trailer: the CRC32C of the block's bytes. */
    public static final int TRAILER_BYTES = Integer.BYTES;

    private BlockProtocol() {}

    /** A serializer for the block service's control messages. */
    public static ControlSerializer newSerializer() {
        return new ControlSerializer(CLASSES);
    }
}
