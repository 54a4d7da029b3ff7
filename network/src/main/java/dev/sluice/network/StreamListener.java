package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * The consumer side of a streamed reply: called once per chunk, in order, on the connection's I/O thread. It must
 * not block. To slow the sender down, return an incomplete stage: the connection stops reading until it
 * completes (TCP then pushes back on the sender, whose source is read no faster than the connection drains).
 */
@FunctionalInterface
public interface StreamListener {

    /**
     * Consumes one chunk.
     *
     * @param chunk the chunk's bytes, valid during this call only: retain it to keep it, and release what you
     *     retained
     * @return {@code null} or a completed stage to go on reading; an incomplete stage to pause reading from the
     *     connection until it completes; a stage completed exceptionally fails the stream
     */
    CompletionStage<?> onChunk(ByteBuf chunk) throws Exception;
}
