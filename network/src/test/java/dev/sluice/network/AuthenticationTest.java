package dev.sluice.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.network.testing.RawConnection;
import dev.sluice.network.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static final int AUTHENTICATION_REQUIRED = 2;
    private static final int REJECTED = 1;

    private final Closer closer = new Closer();
    private final BlockingQueue<RequestContext> handled = new LinkedBlockingQueue<>();
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
    void peersWithTheSameSecretAuthenticateEachOther() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());

        assertThat(request(client(server, TestConfigs.authenticated().build()), "hi")).isEqualTo("echo:hi");
        assertThat(handled.poll().authenticated()).isTrue();
    }

    @Test
    void aClientWithADifferentSecretIsRefusedAndTheServerLogsTheAttempt() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());
        TransportConfig wrong = TestConfigs.authenticated(SharedSecret.random()).build();
        TransportClientFactory factory = closer.register(new TransportClientFactory(wrong));

        // the client notices first that the server's proof was made with another secret
        assertThatThrownBy(() -> factory.client(server.boundAddress()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Authentication with " + server.boundAddress())
                .hasMessageContaining("different secrets");
        log.awaitLine(LOG_WAIT, "WARN", "Connection from /127.0.0.1:",
                "without proving it holds the secret");
        assertThat(handled).isEmpty();
        assertServesAuthenticatedClients(server);
    }

    @Test
    void theServerRejectsAWrongProofAndSaysSo() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            byte[] wrongProof = raw.handshakeUntilProof("not-the-secret-at-all-000".getBytes(UTF_8), false);
            raw.write(wrongProof);

            RawConnection.RawFrame result = raw.readFrame();
            assertThat(result.type()).isEqualTo(RawConnection.AUTH_RESULT);
            assertThat(result.body()).containsExactly(REJECTED);
            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "WARN", "Rejected connection from /127.0.0.1:" + raw.localPort(),
                    "wrong authentication proof");
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void aClientWithoutSecretIsRefusedByAServerThatHasOne() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());
        TransportClient client = client(server, TestConfigs.unauthenticated().build());

        assertThatThrownBy(() -> client.request("hi".getBytes(UTF_8)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(server.boundAddress() + " requires authentication")
                .hasMessageContaining("this client has no shared secret configured");
        log.awaitLine(LOG_WAIT, "WARN", "Rejected connection from /127.0.0.1:",
                "sent a REQUEST frame before authenticating");
        assertThat(handled).isEmpty();
        assertServesAuthenticatedClients(server);
    }

    @Test
    void aClientWithASecretRefusesAServerWithout() throws Exception {
        TransportServer server = echoServer(TestConfigs.unauthenticated().build());
        TransportClientFactory factory = closer.register(
                new TransportClientFactory(TestConfigs.authenticated().build()));

        assertThatThrownBy(() -> factory.client(server.boundAddress()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("closed during authentication");
        log.awaitLine(LOG_WAIT, "WARN", "/127.0.0.1:", "CLIENT_HELLO handshake frame",
                "this server has no shared secret configured");
        assertThat(handled).isEmpty();
    }

    @Test
    void aRequestSentBeforeAuthenticatingIsNeverParsedNorHandled() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            raw.write(RawConnection.requestFrame(1, "let me in".getBytes(UTF_8)));

            RawConnection.RawFrame result = raw.readFrame();
            assertThat(result.type()).isEqualTo(RawConnection.AUTH_RESULT);
            assertThat(result.body()).containsExactly(AUTHENTICATION_REQUIRED);
            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "WARN", "Rejected connection from /127.0.0.1:" + raw.localPort(),
                    "REQUEST frame before authenticating");
        }
        assertThat(handled).isEmpty();
        assertServesAuthenticatedClients(server);
    }

    @Test
    void aHandshakeFrameAboveOneKibibyteClosesTheConnection() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            raw.write(ByteBuffer.allocate(4 + 16).putInt(4096).array());

            assertThat(raw.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "Rejected connection from /127.0.0.1:" + raw.localPort(),
                    "claims 4096 bytes", "the limit during authentication is 1024 bytes");
        }
    }

    @Test
    void anIdleOrSlowUnauthenticatedConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().handshakeTimeout(Duration.ofMillis(200))
                .build());

        try (RawConnection idle = RawConnection.open(server.boundAddress());
             RawConnection slow = RawConnection.open(server.boundAddress())) {
            slow.write(new byte[] {0, 0, 0, 34, 1, 1, 2, 3});

            assertThat(idle.awaitClosedByPeer()).isTrue();
            assertThat(slow.awaitClosedByPeer()).isTrue();
            log.awaitLine(LOG_WAIT, "Rejected connection from /127.0.0.1:" + idle.localPort(),
                    "no completed authentication within 200 ms");
            log.awaitLine(LOG_WAIT, "Rejected connection from /127.0.0.1:" + slow.localPort(),
                    "no completed authentication within 200 ms");
        }
        assertServesAuthenticatedClients(server);
    }

    @Test
    void bytesSentRightAfterTheProofAreHandledOnceAuthenticated() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());

        try (RawConnection raw = RawConnection.open(server.boundAddress())) {
            ByteArrayOutputStream proofThenRequest = new ByteArrayOutputStream();
            proofThenRequest.write(raw.handshakeUntilProof(TestConfigs.SECRET_BYTES));
            proofThenRequest.write(RawConnection.requestFrame(77, "pipelined".getBytes(UTF_8)));
            raw.write(proofThenRequest.toByteArray());

            assertThat(raw.readFrame().body()).containsExactly(0);
            RawConnection.RawFrame response = raw.readFrame();
            assertThat(response.type()).isEqualTo(RawConnection.RESPONSE);
            assertThat(response.requestId()).isEqualTo(77);
            assertThat(new String(response.payloadAfterId(), UTF_8)).isEqualTo("echo:pipelined");
        }
    }

    @Test
    void aClientGivesUpOnAServerThatNeverAnswersTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            TransportClientFactory factory = closer.register(new TransportClientFactory(
                    TestConfigs.authenticated().handshakeTimeout(Duration.ofMillis(300)).build()));
            InetSocketAddress address = new InetSocketAddress(silent.getInetAddress(), silent.getLocalPort());

            assertThatThrownBy(() -> factory.client(address))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining(address.getPort() + "")
                    .hasMessageContaining("no completed authentication within 300 ms");
        }
    }

    private TransportServer echoServer(TransportConfig config) throws TransportException {
        return closer.register(TransportServer.start(config, (context, payload) -> {
            handled.add(context);
            byte[] bytes = new byte[payload.readableBytes()];
            payload.readBytes(bytes);
            return CompletableFuture.completedFuture(Reply.of(("echo:" + new String(bytes, UTF_8)).getBytes(UTF_8)));
        }));
    }

    private TransportClient client(TransportServer server, TransportConfig config) throws Exception {
        return closer.register(new TransportClientFactory(config)).client(server.boundAddress());
    }

    private static String request(TransportClient client, String text) throws Exception {
        return new String(client.request(text.getBytes(UTF_8)).get(10, TimeUnit.SECONDS), UTF_8);
    }

    private void assertServesAuthenticatedClients(TransportServer server) throws Exception {
        assertThat(request(client(server, TestConfigs.authenticated().build()), "still-up"))
                .isEqualTo("echo:still-up");
        handled.clear();
    }
}
