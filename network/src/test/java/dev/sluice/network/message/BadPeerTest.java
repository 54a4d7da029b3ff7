package dev.sluice.network.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.network.RequestContext;
import dev.sluice.network.TransportClient;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.network.testing.BadPeer;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.network.testing.TestConfigs;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that holds the secret and then sends thousands of bad frames (seeded, so every run sends the same) gets
 * an error reply to each request, costs the server one WARN line per connection, keeps its own connection, and does
 * not disturb a well-behaved client of the same server; a peer that sends bytes that are no frame is disconnected.
 */
@Timeout(120)
class BadPeerTest {

    record Ping(String text, long sentAt, List<String> tags) {
    }

    record Pong(String text) {
    }

    record Shutdown(String reason) {
    }

    private static final List<Class<?>> PROTOCOL = List.of(Ping.class, Pong.class, Shutdown.class);

    private final Closer closer = new Closer();
    private final ControlSerializer serializer = new ControlSerializer(PROTOCOL);

    @AfterEach
    void close() {
        closer.close();
    }

    @Test
    void thousandsOfBadFramesGetErrorRepliesOneLogLineAndDisturbNobody() throws Exception {
        TransportServer server = closer.register(TransportServer.start(TestConfigs.authenticated().build(),
                new MessageRequestHandler(serializer, new PingService())));
        TransportClientFactory clients = closer.register(new TransportClientFactory(TestConfigs.authenticated().build()));
        MessageClient good = new MessageClient(clients.client(server.boundAddress()), serializer);
        TransportClient bad = closer.register(new TransportClientFactory(TestConfigs.authenticated().build()))
                .client(server.boundAddress());
        BadPeer peer = new BadPeer(serializer, List.of(new Ping("hello", 1L, List.of("a", "b"))),
                List.of(new Shutdown("I am not allowed to"), new Pong("unasked")), 20261207L);

        BadPeer.Report report;
        String logged;
        try (LogCapture log = LogCapture.start()) {
            CompletableFuture<Pong> during = good.ask(new Ping("during", 2L, List.of()), Pong.class);
            report = peer.flood(bad, 3000);
            assertThat(during.get(30, TimeUnit.SECONDS)).isEqualTo(new Pong("during"));
            logged = log.text();
        }

        assertThat(report.requests()).isGreaterThan(2000);
        assertThat(report.errorReplies()).as("%s", report).isEqualTo(report.requests());
        assertThat(report.answered()).isZero();
        assertThat(report.otherFailures()).isZero();
        assertThat(report.sampleErrors()).anySatisfy(e -> assertThat(e).contains("unregistered class ID"))
                .anySatisfy(e -> assertThat(e).contains("names a class by name"))
                .anySatisfy(e -> assertThat(e).contains("The ping service does not answer "));
        assertThat(bad.isActive()).as("the bad peer keeps its connection").isTrue();
        assertThat(Arrays.stream(logged.split("\n")).filter(l -> l.contains("WARN"))).as(logged)
                .singleElement().asString().contains("Refused a").contains("from /127.0.0.1:")
                .contains("further problems on this connection are logged at DEBUG");
        assertThat(logged).doesNotContain("\tat ");

        try (LogCapture log = LogCapture.start()) {
            bad.close();
            log.awaitLine(Duration.ofSeconds(30), "WARN", "closed after", "refused requests or messages");
        }
        try (LogCapture log = LogCapture.start()) {
            assertThat(peer.garbageAfterHandshake(server.boundAddress(), TestConfigs.SECRET_BYTES)).isTrue();
            log.awaitLine(Duration.ofSeconds(30), "WARN", "Closing connection with /127.0.0.1:",
                    "the limit is");
        }
        assertThat(good.ask(new Ping("after", 3L, List.of("x")), Pong.class).get(30, TimeUnit.SECONDS))
                .isEqualTo(new Pong("after"));
    }

    /** Answers pings; refuses everything else as the real endpoints do. */
    private final class PingService implements MessageHandler {
        @Override
        public CompletableFuture<?> onRequest(RequestContext context, Object message) {
            if (message instanceof Ping ping) {
                return CompletableFuture.completedFuture(new Pong(ping.text()));
            }
            throw UnexpectedMessageException.notAnswered("The ping service", message);
        }

        @Override
        public void onMessage(RequestContext context, Object message) {
            throw UnexpectedMessageException.notAccepted("The ping service", message);
        }
    }
}
