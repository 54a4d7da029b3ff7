package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the byte stream of a ready connection into {@link Frame}s. The length prefix is checked before a single
 * byte of the frame is accumulated: a prefix above the limit, a frame of an unknown type or a malformed body
 * closes the connection with a logged reason, and the rest of what the peer sent is discarded unread.
 *
 * <p>Bodies are retained slices of the received bytes, not copies.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int maxFrameBytes;
    private boolean rejected;

    /** A decoder accepting frames of at most {@code maxFrameBytes} (type byte and body). */
    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < FrameFormat.TYPE_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < FrameFormat.LENGTH_FIELD_BYTES) {
            return;
        }
        long frameLength = in.getUnsignedInt(in.readerIndex());
        if (frameLength < FrameFormat.TYPE_BYTES || frameLength > maxFrameBytes) {
            reject(ctx, in, "frame length prefix claims " + frameLength + " bytes, the limit is " + maxFrameBytes
                    + " bytes");
            return;
        }
        if (in.readableBytes() < FrameFormat.LENGTH_FIELD_BYTES + frameLength) {
            return;
        }
        in.skipBytes(FrameFormat.LENGTH_FIELD_BYTES);
        byte code = in.readByte();
        int bodyLength = (int) frameLength - FrameFormat.TYPE_BYTES;
        FrameType type = FrameType.fromCode(code);
        if (type == null) {
            reject(ctx, in, "unknown frame type " + FrameType.describeCode(code));
            return;
        }
        int minimum = minimumBodyLength(type);
        if (bodyLength < minimum) {
            reject(ctx, in, type + " frame has " + bodyLength + " body bytes, needs at least " + minimum);
            return;
        }
        out.add(read(type, in, bodyLength));
    }

    private static Frame read(FrameType type, ByteBuf in, int bodyLength) {
        switch (type) {
            case REQUEST:
                return new RequestFrame(in.readLong(), in.readRetainedSlice(bodyLength - FrameFormat.REQUEST_ID_BYTES));
            case ONE_WAY:
                return new OneWayFrame(in.readRetainedSlice(bodyLength));
            case RESPONSE:
                return new ResponseFrame(in.readLong(),
                        in.readRetainedSlice(bodyLength - FrameFormat.REQUEST_ID_BYTES));
            case STREAM_CHUNK:
                return new StreamChunkFrame(in.readLong(),
                        in.readRetainedSlice(bodyLength - FrameFormat.REQUEST_ID_BYTES));
            case STREAM_END:
                long endedId = in.readLong();
                in.skipBytes(bodyLength - FrameFormat.REQUEST_ID_BYTES);
                return new StreamEndFrame(endedId);
            case ERROR_RESPONSE:
                long failedId = in.readLong();
                String message = in.readCharSequence(bodyLength - FrameFormat.REQUEST_ID_BYTES,
                        StandardCharsets.UTF_8).toString();
                return new ErrorResponseFrame(failedId, message);
            default:
                int first = bodyLength > 0 ? in.getUnsignedByte(in.readerIndex()) : -1;
                in.skipBytes(bodyLength);
                return new StrayHandshakeFrame(type, first);
        }
    }

    private static int minimumBodyLength(FrameType type) {
        switch (type) {
            case REQUEST:
            case RESPONSE:
            case STREAM_CHUNK:
            case STREAM_END:
            case ERROR_RESPONSE:
                return FrameFormat.REQUEST_ID_BYTES;
            default:
                return 0;
        }
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        rejected = true;
        in.skipBytes(in.readableBytes());
        LOG.warn("Closing connection with {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }
}
