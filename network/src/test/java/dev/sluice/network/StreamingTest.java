package dev.sluice.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.testing.Await;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.PatternSource;
import dev.sluice.network.testing.TestConfigs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingTest {

    private static final int CHUNK_BYTES = 64 << 10;
    private static final TransportConfig CONFIG = TestConfigs.unauthenticated().streamChunkBytes(CHUNK_BYTES).build();

    private final Closer closer = new Closer();

    @AfterEach
    void closeEverything() {
        closer.close();
    }

    @Test
    void severalMebibytesArriveWholeAndInOrderInChunksNoLargerThanTheLimit() throws Exception {
        byte[] block = randomBytes((6 << 20) + 12_345);
        ClosingTrackers sources = new ClosingTrackers();
        TransportClient client = clientOf(server(payload -> Reply.stream(sources.track(StreamSource.of(block)))));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicInteger chunks = new AtomicInteger();
        AtomicInteger largestChunk = new AtomicInteger();

        long total = client.requestStream("block-1".getBytes(UTF_8), chunk -> {
            chunks.incrementAndGet();
            largestChunk.accumulateAndGet(chunk.readableBytes(), Math::max);
            chunk.readBytes(received, chunk.readableBytes());
            return null;
        }).get(30, TimeUnit.SECONDS);

        assertThat(total).isEqualTo(block.length);
        assertThat(received.toByteArray()).isEqualTo(block);
        assertThat(largestChunk.get()).isLessThanOrEqualTo(CHUNK_BYTES);
        assertThat(chunks.get()).isGreaterThanOrEqualTo(block.length / CHUNK_BYTES);
        Await.until("the source is closed", sources::allClosed);
    }

    @Test
    void aStreamCanBeReadAsAnInputStream() throws Exception {
        byte[] block = randomBytes((3 << 20) + 7);
        TransportClient client = clientOf(server(payload -> Reply.stream(StreamSource.of(block))));

        try (InputStream in = client.openStream("block-2".getBytes(UTF_8))) {
            assertThat(in.readAllBytes()).isEqualTo(block);
        }
    }

    @Test
    void aListenerThatPausesHoldsTheTransferBackWithoutTimingItOut() throws Exception {
        long length = 32L << 20;
        PatternSource source = PatternSource.of(length);
        TransportClient client = clientOf(server(payload -> Reply.stream(source)),
                CONFIG.toBuilder().requestTimeout(Duration.ofMillis(300)).build());
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CRC32 crc = new CRC32();
        AtomicInteger chunks = new AtomicInteger();

        CompletableFuture<Long> transfer = client.requestStream("pattern".getBytes(UTF_8), chunk -> {
            crc.update(chunk.nioBuffer());
            return chunks.incrementAndGet() == 1 ? gate : null;
        });

        // paused for a second, well past the 300 ms chunk timeout: neither done nor failed
        assertThatThrownBy(() -> transfer.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(source.chunksRead()).isLessThan((int) (length / CHUNK_BYTES));
        assertThat(chunks.get()).isLessThan((int) (length / CHUNK_BYTES));

        gate.complete(null);

        assertThat(transfer.get(60, TimeUnit.SECONDS)).isEqualTo(length);
        assertThat(crc.getValue()).isEqualTo(PatternSource.crcOf(length));
    }

    @Test
    void aFileRangeIsStreamedFromDisk(@TempDir Path directory) throws Exception {
        byte[] content = randomBytes(3 << 20);
        Path file = Files.write(directory.resolve("shuffle_0_0.data"), content);
        int offset = 1_000;
        int length = (2 << 20) + 7;
        TransportClient client = clientOf(server(payload -> Reply.stream(StreamSource.ofFileRange(file, offset,
                length))));

        try (InputStream in = client.openStream(new byte[0])) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
        }
    }

    @Test
    void aFileRangeBeyondTheEndOfTheFileIsRefusedNamingTheFile(@TempDir Path directory) throws Exception {
        Path file = Files.write(directory.resolve("short.data"), new byte[10]);

        assertThatThrownBy(() -> StreamSource.ofFileRange(file, 5, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("short.data")
                .hasMessageContaining("the file has only 10 bytes");
    }

    @Test
    void aSourceFailingMidwayFailsTheStreamWithTheRemoteMessageAndTheConnectionGoesOn() throws Exception {
        PatternSource failing = PatternSource.failingAfter(10L << 20, 3);
        TransportClient client = clientOf(server(payload -> payload.readableBytes() == 0
                ? Reply.of("plain".getBytes(UTF_8))
                : Reply.stream(failing)));
        AtomicInteger chunks = new AtomicInteger();

        CompletableFuture<Long> transfer = client.requestStream("fail".getBytes(UTF_8), chunk -> {
            chunks.incrementAndGet();
            return null;
        });

        assertThatThrownBy(() -> transfer.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(RemoteException.class)
                .hasMessageContaining("the stream failed: IOException: disk read error at chunk 3");
        assertThat(chunks.get()).isEqualTo(3);
        assertThat(new String(client.request(new byte[0]).get(10, TimeUnit.SECONDS), UTF_8)).isEqualTo("plain");
        Await.until("the failed source is closed", failing::isClosed);
    }

    @Test
    void aStreamThatNeverStartsTimesOutNamingThePeer() throws Exception {
        TransportServer server = closer.register(TransportServer.start(CONFIG,
                (context, payload) -> new CompletableFuture<>()));
        TransportClient client = closer.register(new TransportClientFactory(CONFIG)).client(server.boundAddress());

        CompletableFuture<Long> transfer = client.requestStream(Unpooled.wrappedBuffer(new byte[1]),
                chunk -> null, Duration.ofMillis(200));

        assertThatThrownBy(() -> transfer.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("Stream 1 to " + server.boundAddress())
                .hasMessageContaining("timed out after 200 ms");
    }

    @Test
    void aSingleBodyReplyArrivesAsOneChunkOfAStream() throws Exception {
        TransportClient client = clientOf(server(payload -> Reply.of("small".getBytes(UTF_8))));
        AtomicReference<String> received = new AtomicReference<>();

        long total = client.requestStream(new byte[0], chunk -> {
            received.set(chunk.toString(UTF_8));
            return null;
        }).get(10, TimeUnit.SECONDS);

        assertThat(total).isEqualTo(5);
        assertThat(received).hasValue("small");
    }

    @Test
    void aPlainRequestAnsweredWithAStreamFailsClearly() throws Exception {
        TransportClient client = clientOf(server(payload -> Reply.stream(PatternSource.of(1 << 20))));

        assertThatThrownBy(() -> client.request(new byte[0]).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("answered request 1 with a stream");
    }

    @Test
    void closingAnInputStreamEarlyAbandonsTheRestAndTheConnectionGoesOn() throws Exception {
        TransportClient client = clientOf(server(payload -> payload.readableBytes() == 0
                ? Reply.of("plain".getBytes(UTF_8))
                : Reply.stream(PatternSource.of(32L << 20))));

        InputStream in = client.openStream(new byte[] {1});
        byte[] start = in.readNBytes(100_000);
        in.close();

        for (int i = 0; i < start.length; i++) {
            assertThat(start[i]).isEqualTo(PatternSource.byteAt(i));
        }
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(new String(client.request(new byte[0]).get(30, TimeUnit.SECONDS), UTF_8)).isEqualTo("plain");
    }

    @Test
    void aListenerThatThrowsFailsItsStreamOnly() throws Exception {
        TransportClient client = clientOf(server(payload -> payload.readableBytes() == 0
                ? Reply.of("plain".getBytes(UTF_8))
                : Reply.stream(PatternSource.of(4 << 20))));

        CompletableFuture<Long> transfer = client.requestStream(new byte[] {1}, chunk -> {
            throw new IllegalStateException("consumer out of space");
        });

        assertThatThrownBy(() -> transfer.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("was abandoned: its listener failed")
                .hasMessageContaining("consumer out of space");
        assertThat(new String(client.request(new byte[0]).get(30, TimeUnit.SECONDS), UTF_8)).isEqualTo("plain");
    }

    @Test
    void aFileIsStreamedAsFileRegionsWithoutCopyingOnAPlainConnection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] content = randomBytes((2 << 20) + 321);
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("segment"), content);
        dev.sluice.network.testing.FileRegionSource source =
                new dev.sluice.network.testing.FileRegionSource(file, content.length);
        TransportClient client = clientOf(server(payload -> Reply.stream(source)));

        try (InputStream in = client.openStream("file".getBytes(UTF_8))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(source.regions.get()).isEqualTo((content.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        assertThat(source.chunks.get()).isZero();
    }

    private TransportServer server(ReplyFunction replies) throws TransportException {
        return closer.register(TransportServer.start(CONFIG,
                (context, payload) -> CompletableFuture.completedFuture(replies.apply(payload))));
    }

    private TransportClient clientOf(TransportServer server) throws Exception {
        return clientOf(server, CONFIG);
    }

    private TransportClient clientOf(TransportServer server, TransportConfig config) throws Exception {
        return closer.register(new TransportClientFactory(config)).client(server.boundAddress());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Builds a reply from a request payload; may throw like a handler. */
    @FunctionalInterface
    private interface ReplyFunction {
        Reply apply(ByteBuf payload) throws Exception;
    }

    /** Wraps sources so a test can check the transport closed them. */
    private static final class ClosingTrackers {
        private final List<ClosingTracker> trackers = new CopyOnWriteArrayList<>();

        StreamSource track(StreamSource source) {
            ClosingTracker tracker = new ClosingTracker(source);
            trackers.add(tracker);
            return tracker;
        }

        boolean allClosed() {
            return !trackers.isEmpty() && trackers.stream().allMatch(tracker -> tracker.closed);
        }
    }

    /** Delegates to a source and remembers whether it was closed. */
    private static final class ClosingTracker implements StreamSource {
        private final StreamSource delegate;
        private volatile boolean closed;

        ClosingTracker(StreamSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException {
            return delegate.readChunk(allocator, maxBytes);
        }

        @Override
        public void close() {
            closed = true;
            delegate.close();
        }
    }
}
