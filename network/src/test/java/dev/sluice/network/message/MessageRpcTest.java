package dev.sluice.network.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.RemoteException;
import dev.sluice.network.RequestContext;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.serialization.ControlSerializationException;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.network.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageRpcTest {

    record RegisterExecutor(String executorId, String host, int port, byte[] closure) {
    }

    record Registered(String executorId, int slot) {
    }

    record Heartbeat(String executorId, long sentAtMillis) {
    }

    record Unknown(String payload) {
    }

    private static final List<Class<?>> PROTOCOL = List.of(RegisterExecutor.class, Registered.class,
            Heartbeat.class);

    private final Closer closer = new Closer();
    private final AtomicInteger requests = new AtomicInteger();
    private final BlockingQueue<Object> oneWay = new LinkedBlockingQueue<>();
    private LogCapture log;
    private TransportServer server;

    @BeforeEach
    void startServer() throws Exception {
        log = closer.register(LogCapture.start());
        ControlSerializer serializer = new ControlSerializer(PROTOCOL);
        server = closer.register(TransportServer.start(TestConfigs.authenticated().build(),
                new MessageRequestHandler(serializer, new MessageHandler() {
                    @Override
                    public CompletableFuture<?> onRequest(RequestContext context, Object message) {
                        requests.incrementAndGet();
                        RegisterExecutor register = (RegisterExecutor) message;
                        return CompletableFuture.completedFuture(
                                new Registered(register.executorId(), register.closure().length));
                    }

                    @Override
                    public void onMessage(RequestContext context, Object message) {
                        oneWay.add(message);
                    }
                })));
    }

    @AfterEach
    void closeEverything() {
        closer.close();
    }

    @Test
    void typedRequestsAndOneWayMessagesRoundTrip() throws Exception {
        MessageClient client = client(new ControlSerializer(PROTOCOL));

        Registered reply = client.ask(new RegisterExecutor("exec-1", "127.0.0.1", 7078, new byte[] {1, 2, 3}),
                Registered.class).get(10, TimeUnit.SECONDS);
        client.tell(new Heartbeat("exec-1", 42)).get(10, TimeUnit.SECONDS);

        assertThat(reply).isEqualTo(new Registered("exec-1", 3));
        assertThat(oneWay.poll(10, TimeUnit.SECONDS)).isEqualTo(new Heartbeat("exec-1", 42));
    }

    @Test
    void aMessageOfAnUnregisteredClassIsRefusedBeforeSending() throws Exception {
        MessageClient client = client(new ControlSerializer(PROTOCOL));

        assertThatThrownBy(() -> client.ask(new Unknown("x"), Registered.class).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining(Unknown.class.getName());
        assertThat(requests).hasValue(0);
    }

    @Test
    void aMessageNamingAnUnknownRegistrationIdIsRefusedAndReportedAndTheConnectionStaysUp() throws Exception {
        List<Class<?>> extended = List.of(RegisterExecutor.class, Registered.class, Heartbeat.class, Unknown.class);
        MessageClient client = client(new ControlSerializer(extended));

        assertThatThrownBy(() -> client.ask(new Unknown("x"), Registered.class, Duration.ofSeconds(10))
                .get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(RemoteException.class)
                .hasMessageContaining("ControlSerializationException")
                .hasMessageContaining("unregistered class ID: " + (ControlSerializer.FIRST_LISTED_ID + 3));
        log.awaitLine(Duration.ofSeconds(10), "WARN", "Refused a request", "(from /127.0.0.1:",
                "unregistered class ID");
        assertThat(requests).hasValue(0);

        Registered reply = client.ask(new RegisterExecutor("exec-2", "h", 1, new byte[0]), Registered.class)
                .get(10, TimeUnit.SECONDS);
        assertThat(reply.executorId()).isEqualTo("exec-2");
    }

    private MessageClient client(ControlSerializer serializer) throws Exception {
        TransportClientFactory factory = closer.register(
                new TransportClientFactory(TestConfigs.authenticated().build()));
        return new MessageClient(factory.client(server.boundAddress()), serializer);
    }
}
