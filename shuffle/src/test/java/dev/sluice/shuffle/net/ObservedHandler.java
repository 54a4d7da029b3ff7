package dev.sluice.shuffle.net;

import dev.sluice.network.Reply;
import dev.sluice.network.RequestContext;
import dev.sluice.network.RequestHandler;
import dev.sluice.network.StreamSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a server's handler for tests: counts requests and the most streams being produced at once (a stream counts
 * until its source has produced its last chunk, which is before the client can see its end), and can flip the
 * first data byte of the first {@code corruptStreams} streamed replies.
 */
final class ObservedHandler implements RequestHandler {

    private final RequestHandler delegate;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger corruptStreams;

    ObservedHandler(RequestHandler delegate, int corruptStreams) {
        this.delegate = delegate;
        this.corruptStreams = new AtomicInteger(corruptStreams);
    }

    int requests() {
        return requests.get();
    }

    int maxConcurrentStreams() {
        return maxActive.get();
    }

    @Override
    public CompletableFuture<Reply> onRequest(RequestContext context, ByteBuf payload) throws Exception {
        requests.incrementAndGet();
        return delegate.onRequest(context, payload).thenApply(reply -> {
            if (reply instanceof Reply.Streamed streamed) {
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                return Reply.stream(new ObservedSource(streamed.source(), corruptStreams.getAndDecrement() > 0));
            }
            return reply;
        });
    }

    /** A source that reports when it is done and may flip the first byte after the first block's header. */
    private final class ObservedSource implements StreamSource {

        private final StreamSource source;
        private final boolean corrupt;
        private final AtomicBoolean done = new AtomicBoolean();
        private long position;

        ObservedSource(StreamSource source, boolean corrupt) {
            this.source = source;
            this.corrupt = corrupt;
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException {
            ByteBuf chunk = source.readChunk(allocator, maxBytes);
            if (chunk == null) {
                finish();
                return null;
            }
            long target = BlockProtocol.HEADER_BYTES;
            if (corrupt && position <= target && target < position + chunk.readableBytes()) {
                int index = chunk.readerIndex() + (int) (target - position);
                chunk.setByte(index, chunk.getByte(index) ^ 0x5a);
            }
            position += chunk.readableBytes();
            return chunk;
        }

        @Override
        public void close() {
            finish();
            source.close();
        }

        private void finish() {
            if (done.compareAndSet(false, true)) {
                active.decrementAndGet();
            }
        }
    }
}
