package dev.sluice.network.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Frame}s as {@code [u32 length][u8 type][body]}. Small bodies are copied next to their header;
 * larger ones are sent as they are, behind a separate header buffer, without copying. A frame above the limit
 * fails its write instead of reaching a peer that would close the connection over it.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {

    private static final int COPY_THRESHOLD_BYTES = 1024;
    private static final int MAX_HEADER_BYTES =
            FrameFormat.LENGTH_FIELD_BYTES + FrameFormat.TYPE_BYTES + FrameFormat.REQUEST_ID_BYTES;

    private final int maxFrameBytes;

    /** An encoder refusing frames above {@code maxFrameBytes} (type byte and body). */
    public FrameEncoder(int maxFrameBytes) {
        super(Frame.class);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (frame instanceof RequestFrame request) {
            writeWithBody(ctx, frame.type(), request.requestId(), request.body(), out);
        } else if (frame instanceof ResponseFrame response) {
            writeWithBody(ctx, frame.type(), response.requestId(), response.body(), out);
        } else if (frame instanceof StreamChunkFrame chunk) {
            writeWithBody(ctx, frame.type(), chunk.requestId(), chunk.body(), out);
        } else if (frame instanceof OneWayFrame oneWay) {
            writeWithBody(ctx, frame.type(), -1, oneWay.body(), out);
        } else if (frame instanceof StreamRegionFrame chunk) {
            long bytes = chunk.region().count();
            if (bytes > Integer.MAX_VALUE) {
                throw new EncoderException("a stream chunk of " + bytes + " bytes is too large for one frame");
            }
            out.add(header(ctx, frame.type(), chunk.requestId(), (int) bytes));
            out.add(chunk.region().retain());
        } else if (frame instanceof StreamEndFrame end) {
            ByteBuf header = header(ctx, frame.type(), end.requestId(), 0);
            out.add(header);
        } else if (frame instanceof ErrorResponseFrame error) {
            byte[] message = error.message().getBytes(StandardCharsets.UTF_8);
            ByteBuf encoded = header(ctx, frame.type(), error.requestId(), message.length);
            out.add(encoded.writeBytes(message));
        } else {
            throw new EncoderException("a " + frame.type() + " frame cannot be sent on a ready connection");
        }
    }

    private void writeWithBody(ChannelHandlerContext ctx, FrameType type, long requestId, ByteBuf body,
                               List<Object> out) {
        int bodyBytes = body.readableBytes();
        ByteBuf header = header(ctx, type, requestId, bodyBytes);
        if (bodyBytes <= COPY_THRESHOLD_BYTES) {
            out.add(header.writeBytes(body, body.readerIndex(), bodyBytes));
            return;
        }
        CompositeByteBuf frame = ctx.alloc().compositeDirectBuffer(2);
        frame.addComponent(true, header);
        frame.addComponent(true, body.retain());
        out.add(frame);
    }

    private ByteBuf header(ChannelHandlerContext ctx, FrameType type, long requestId, int bodyBytes) {
        boolean hasId = type != FrameType.ONE_WAY;
        long frameLength = (long) FrameFormat.TYPE_BYTES + (hasId ? FrameFormat.REQUEST_ID_BYTES : 0) + bodyBytes;
        if (frameLength > maxFrameBytes) {
            throw new EncoderException(type + " frame of " + frameLength + " bytes exceeds the maximum frame size of "
                    + maxFrameBytes + " bytes");
        }
        int capacity = MAX_HEADER_BYTES + (bodyBytes <= COPY_THRESHOLD_BYTES ? bodyBytes : 0);
        ByteBuf header = ctx.alloc().directBuffer(capacity);
        header.writeInt((int) frameLength);
        header.writeByte(type.code());
        if (hasId) {
            header.writeLong(requestId);
        }
        return header;
    }
}
