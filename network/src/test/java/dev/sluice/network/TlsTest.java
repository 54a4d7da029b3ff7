package dev.sluice.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.config.TlsConfig;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.testing.Await;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.network.testing.TestCertificates;
import dev.sluice.network.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    @TempDir
    static Path certificates;

    private static TestCertificates node;
    private static TlsConfig stranger;

    private final Closer closer = new Closer();
    private final BlockingQueue<RequestContext> handled = new LinkedBlockingQueue<>();

    @BeforeAll
    static void generateCertificates() throws Exception {
        node = TestCertificates.generate(certificates, "node");
        char[] password = TestCertificates.PASSWORD.toCharArray();
        stranger = TlsConfig.of(TestCertificates.generateKeyStore(certificates, "stranger"), password, null, null);
    }

    @AfterEach
    void closeEverything() {
        closer.close();
    }

    @Test
    void anEncryptedAndAuthenticatedConnectionCarriesRequestsAndStreams() throws Exception {
        TransportConfig config = TestConfigs.authenticated().tls(node.tlsConfig()).build();
        TransportServer server = echoServer(config);
        TransportClient client = closer.register(new TransportClientFactory(config)).client(server.boundAddress());

        assertThat(new String(client.request("secret plan".getBytes(UTF_8)).get(10, TimeUnit.SECONDS), UTF_8))
                .isEqualTo("echo:secret plan");
        RequestContext context = handled.poll(10, TimeUnit.SECONDS);
        assertThat(context.encrypted()).isTrue();
        assertThat(context.authenticated()).isTrue();
        try (var in = client.openStream("stream".getBytes(UTF_8))) {
            assertThat(in.readAllBytes()).hasSize(3 << 20);
        }
    }

    @Test
    void aPlaintextClientCannotTalkToATlsServerAndBothSidesSaySoOnce() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().tls(node.tlsConfig()).build());
        TransportClientFactory plaintext = closer.register(
                new TransportClientFactory(TestConfigs.authenticated().build()));

        try (LogCapture log = LogCapture.start()) {
            assertThatThrownBy(() -> plaintext.client(server.boundAddress()))
                    .isInstanceOf(TlsRequiredException.class)
                    .hasMessage("The server at " + server.boundAddress() + " requires TLS, which this client has off "
                            + "(sluice.ssl.enabled=true, with the cluster's key and trust stores, on every process)");
            String line = log.awaitLine(Duration.ofSeconds(30), "WARN", "Rejected connection from /127.0.0.1:",
                    "it does not speak TLS, which this server requires");
            assertThat(log.text()).doesNotContain("NotSslRecordException").doesNotContain("\tat ");
            Await.until("the connection to close", () -> server.connectionCount() == 0);
            assertThat(log.text().split("\n")).filteredOn(l -> l.contains("/127.0.0.1:")).containsExactly(line);
        }
        assertThat(handled).isEmpty();
        TransportClient good = closer.register(new TransportClientFactory(
                TestConfigs.authenticated().tls(node.tlsConfig()).build())).client(server.boundAddress());
        assertThat(good.request("x".getBytes(UTF_8)).get(10, TimeUnit.SECONDS)).asString(UTF_8).isEqualTo("echo:x");
    }

    @Test
    void aPlaintextClientWithoutSecretGetsNothingFromATlsServer() throws Exception {
        TransportServer server = echoServer(TestConfigs.unauthenticated().tls(node.tlsConfig()).build());
        TransportClient plaintext = closer.register(new TransportClientFactory(TestConfigs.unauthenticated().build()))
                .client(server.boundAddress());

        assertThatThrownBy(() -> plaintext.request("hello".getBytes(UTF_8)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ConnectionClosedException.class);
        assertThat(handled).isEmpty();
    }

    @Test
    void aTlsClientCannotTalkToAPlaintextServer() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().build());
        TransportClientFactory tls = closer.register(
                new TransportClientFactory(TestConfigs.authenticated().tls(node.tlsConfig()).build()));

        try (LogCapture log = LogCapture.start()) {
            assertThatThrownBy(() -> tls.client(server.boundAddress()))
                    .isInstanceOf(TlsRequiredException.class)
                    .hasMessageStartingWith("TLS handshake with " + server.boundAddress() + " failed: the server does "
                            + "not speak TLS, which this client requires");
            log.awaitLine(Duration.ofSeconds(30), "WARN", "Rejected connection from /127.0.0.1:",
                    "it speaks TLS, which this side has off");
        }
    }

    @Test
    void aClientRefusesAServerCertificateItDoesNotTrust() throws Exception {
        TransportServer server = echoServer(TestConfigs.authenticated().tls(stranger).build());
        TransportClientFactory client = closer.register(
                new TransportClientFactory(TestConfigs.authenticated().tls(node.tlsConfig()).build()));

        assertThatThrownBy(() -> client.client(server.boundAddress()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("TLS handshake with " + server.boundAddress() + " failed");
        assertThat(handled).isEmpty();
    }

    @Test
    void aServerRequiringClientCertificatesRefusesAClientWithoutOne() throws Exception {
        TlsConfig mutual = node.tlsConfig().withRequireClientCertificate(true);
        TransportServer server = echoServer(TestConfigs.authenticated().tls(mutual).build());
        TlsConfig withCertificate = node.tlsConfig();
        TlsConfig withoutCertificate = TlsConfig.of(null, null, node.trustStore(), node.password());

        TransportClient good = closer.register(new TransportClientFactory(
                TestConfigs.authenticated().tls(withCertificate).build())).client(server.boundAddress());
        assertThat(new String(good.request("hi".getBytes(UTF_8)).get(10, TimeUnit.SECONDS), UTF_8))
                .isEqualTo("echo:hi");

        TransportClientFactory anonymous = closer.register(new TransportClientFactory(
                TestConfigs.authenticated().tls(withoutCertificate).build()));
        assertThatThrownBy(() -> anonymous.client(server.boundAddress())).isInstanceOf(TransportException.class);
    }

    @Test
    void aMissingKeyStoreIsReportedByPath() {
        TlsConfig missing = TlsConfig.of(certificates.resolve("nope.p12"), "x".toCharArray(), null, null);

        assertThatThrownBy(() -> TransportServer.start(TestConfigs.authenticated().tls(missing).build(),
                (context, payload) -> new CompletableFuture<>()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("nope.p12 does not exist");
    }

    @Test
    void overTlsAFileIsStreamedThroughBuffersNeverAsFileRegions() throws Exception {
        byte[] content = new byte[(1 << 20) + 99];
        new java.util.Random(7).nextBytes(content);
        Path file = java.nio.file.Files.write(certificates.resolve("segment"), content);
        dev.sluice.network.testing.FileRegionSource source =
                new dev.sluice.network.testing.FileRegionSource(file, content.length);
        TransportConfig config = TestConfigs.authenticated().tls(node.tlsConfig()).build();
        TransportServer server = closer.register(TransportServer.start(config,
                (context, payload) -> CompletableFuture.completedFuture(Reply.stream(source))));
        TransportClient client = closer.register(new TransportClientFactory(config)).client(server.boundAddress());

        try (var in = client.openStream("file".getBytes(UTF_8))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(source.regions.get()).isZero();
        assertThat(source.chunks.get()).isPositive();
    }

    private TransportServer echoServer(TransportConfig config) throws TransportException {
        return closer.register(TransportServer.start(config, (context, payload) -> {
            handled.add(context);
            byte[] bytes = new byte[payload.readableBytes()];
            payload.readBytes(bytes);
            String request = new String(bytes, UTF_8);
            return CompletableFuture.completedFuture(request.equals("stream")
                    ? Reply.stream(StreamSource.of(new byte[3 << 20]))
                    : Reply.of(("echo:" + request).getBytes(UTF_8)));
        }));
    }
}
