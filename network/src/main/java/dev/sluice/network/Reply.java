package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * What a {@link RequestHandler} answers: a single body, sent as one response frame, or a {@link StreamSource}
 * sent as a sequence of chunks no larger than the configured chunk size. A reply owns its buffer or source; the
 * transport releases or closes it once sent, or if it cannot be sent.
 */
public sealed interface Reply permits Reply.Body, Reply.Streamed {

    /** A reply with no bytes. */
    static Reply empty() {
        return new Body(Unpooled.EMPTY_BUFFER);
    }

    /** A reply with these bytes (not copied; do not change the array afterwards). */
    static Reply of(byte[] bytes) {
        return new Body(Unpooled.wrappedBuffer(bytes));
    }

    /** A reply with this buffer, whose ownership passes to the reply. */
    static Reply of(ByteBuf buffer) {
        return new Body(buffer);
    }

    /** A reply streamed from {@code source}, which the transport closes when done. */
    static Reply stream(StreamSource source) {
        return new Streamed(source);
    }

    /** Frees what this reply holds without sending it. */
    void discard();

    /**
     * A reply sent as one response frame; it must fit the frame limit.
     *
     * @param content the bytes, owned by the reply
     */
    record Body(ByteBuf content) implements Reply {
        /** Checks the content is present. */
        public Body {
            Objects.requireNonNull(content, "content");
        }

        @Override
        public void discard() {
            content.release();
        }
    }

    /**
     * A reply sent as a stream of chunks.
     *
     * @param source where the chunks come from, owned by the reply
     */
    record Streamed(StreamSource source) implements Reply {
        /** Checks the source is present. */
        public Streamed {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public void discard() {
            source.close();
        }
    }
}
