package dev.sluice.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.network.testing.RawConnection;
import dev.sluice.network.testing.TestConfigs;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FramingTest {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private final Closer closer = new Closer();
    private final AtomicInteger requestsHandled = new AtomicInteger();
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = closer.register(LogCapture.start());
    }

    @AfterEach
    void closeEverything() throws Exception {
        closer.close();
    }

    @Test
    void aLengthPrefixAboveTheLimitClosesTheConnectionWithoutAllocatingAndTheServerServesOthers() throws Exception {
        TransportServer server = echoServer(TestConfigs.unauthenticated().build());
        long directMemoryBefore = NetworkResources.ALLOCATOR.metric().usedDirectMemory();

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            raw.write(ByteBuffer.allocate(4 + 64).putInt(0x8000_0000).array());

            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "Closing connection with /127.0.0.1:" + raw.localPort(),
                    "claims 2147483648 bytes", "the limit is 67108864 bytes");
        }
        assertThat(NetworkResources.ALLOCATOR.metric().usedDirectMemory() - directMemoryBefore)
                .isLessThan(16L << 20);
        assertThat(requestsHandled).hasValue(0);
        assertServes(server, TestConfigs.unauthenticated().build());
    }

    @Test
    void theLimitAlsoHoldsAfterAuthentication() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().maxFrameBytes(1 << 20).build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            byte[] proof = raw.handshakeUntilProof(TestConfigs.SECRET_BYTES);
            raw.write(proof);
            assertThat(raw.readFrame().body()).containsExactly(0);
            raw.write(ByteBuffer.allocate(4).putInt((1 << 20) + 1).array());

            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "/127.0.0.1:" + raw.localPort(), "claims 1048577 bytes",
                    "the limit is 1048576 bytes");
        }
        assertServes(server, TestConfigs.authenticated().build());
    }

    @Test
    void anUnknownFrameTypeClosesTheConnection() throws Exception {
        TransportServer server = echoServer(TestConfigs.unauthenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            raw.write(RawConnection.frame(0x7f, new byte[10]));

            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "/127.0.0.1:" + raw.localPort(), "unknown frame type 0x7f");
        }
        assertServes(server, TestConfigs.unauthenticated().build());
    }

    @Test
    void aRequestTooShortForItsIdClosesTheConnection() throws Exception {
        TransportServer server = echoServer(TestConfigs.unauthenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            raw.write(RawConnection.frame(RawConnection.REQUEST, new byte[3]));

            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "/127.0.0.1:" + raw.localPort(), "REQUEST frame has 3 body bytes");
        }
        assertThat(requestsHandled).hasValue(0);
    }

    @Test
    void theWireFormatIsLengthTypeIdAndPayload() throws Exception {
        TransportServer server = echoServer(TestConfigs.unauthenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            raw.write(RawConnection.requestFrame(42, "ping".getBytes(UTF_8)));
            RawConnection.RawFrame response = raw.readFrame();

            assertThat(response.type()).isEqualTo(RawConnection.RESPONSE);
            assertThat(response.requestId()).isEqualTo(42);
            assertThat(new String(response.payloadAfterId(), UTF_8)).isEqualTo("echo:ping");
        }
    }

    private TransportServer echoServer(TransportConfig config) throws TransportException {
        return closer.register(TransportServer.start(config, (context, payload) -> {
            requestsHandled.incrementAndGet();
            byte[] bytes = new byte[payload.readableBytes()];
            payload.readBytes(bytes);
            return CompletableFuture.completedFuture(Reply.of(("echo:" + new String(bytes, UTF_8)).getBytes(UTF_8)));
        }));
    }

    private void assertServes(TransportServer server, TransportConfig clientConfig) throws Exception {
        TransportClientFactory factory = closer.register(new TransportClientFactory(clientConfig));
        byte[] response = factory.client(server.boundAddress()).request("still-up".getBytes(UTF_8))
                .get(10, TimeUnit.SECONDS);
        assertThat(new String(response, UTF_8)).isEqualTo("echo:still-up");
    }
}
