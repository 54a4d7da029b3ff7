package dev.sluice.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.testing.Await;
import dev.sluice.network.testing.Closer;
import dev.sluice.network.testing.TestConfigs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestResponseTest {

    private static final long WAIT_SECONDS = 10;

    private final Closer closer = new Closer();

    @AfterEach
    void closeEverything() throws Exception {
        closer.close();
    }

    @Test
    void aRequestGetsItsResponse() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(),
                (context, payload) -> reply("echo:" + text(payload)));

        TransportClient client = clientFor(server);

        assertThat(new String(client.request("hello".getBytes(UTF_8)).get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                .isEqualTo("echo:hello");
    }

    @Test
    void theServerListensOnLoopbackOnAnEphemeralPortByDefault() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(), (context, payload) -> reply(""));

        assertThat(server.boundAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.port()).isPositive();
        assertThat(server.advertisedAddress().getHostString()).isEqualTo("127.0.0.1");
        assertThat(server.advertisedAddress().getPort()).isEqualTo(server.port());
    }

    @Test
    void manyConcurrentRequestsAreEachAnsweredWithTheirOwnResponse() throws Exception {
        ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);
        closer.register(delays::shutdownNow);
        // replies complete out of order: each after a delay derived from its payload
        TransportServer server = start(TestConfigs.unauthenticated().build(), (context, payload) -> {
            String request = text(payload);
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            delays.schedule(() -> reply.complete(Reply.of(("reply-to-" + request).getBytes(UTF_8))),
                    Math.floorMod(request.hashCode(), 5), TimeUnit.MILLISECONDS);
            return reply;
        });
        TransportClient client = clientFor(server);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        closer.register(senders::shutdownNow);

        List<CompletableFuture<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String request = "request-" + i;
            checks.add(CompletableFuture.supplyAsync(() -> client.request(request.getBytes(UTF_8)), senders)
                    .thenCompose(response -> response)
                    .thenApply(response -> new String(response, UTF_8).equals("reply-to-" + request)));
        }

        for (CompletableFuture<Boolean> check : checks) {
            assertThat(check.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(client.pendingCalls()).isZero();
    }

    @Test
    void oneWayMessagesArriveInOrder() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        TransportServer server = start(TestConfigs.unauthenticated().build(), new RequestHandler() {
            @Override
            public CompletableFuture<Reply> onRequest(RequestContext context, ByteBuf payload) {
                return reply("");
            }

            @Override
            public void onMessage(RequestContext context, ByteBuf payload) {
                received.add(text(payload));
            }
        });
        TransportClient client = clientFor(server);

        for (int i = 0; i < 3; i++) {
            client.send(("message-" + i).getBytes(UTF_8)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        for (int i = 0; i < 3; i++) {
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("message-" + i);
        }
    }

    @Test
    void aRequestWithoutResponseTimesOutNamingThePeerAndTheTimeoutAndItsLateResponseIsDropped() throws Exception {
        CompletableFuture<Reply> neverInTime = new CompletableFuture<>();
        TransportServer server = start(TestConfigs.unauthenticated().build(),
                (context, payload) -> text(payload).equals("slow") ? neverInTime : reply("fast"));
        TransportClient client = clientFor(server);

        CompletableFuture<byte[]> slow = client.request("slow".getBytes(UTF_8), Duration.ofMillis(200));

        assertThatThrownBy(() -> slow.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining(server.boundAddress().toString().replace("localhost", ""))
                .hasMessageContaining("timed out after 200 ms");
        // the response arrives after the timeout: dropped (and released), the connection goes on
        neverInTime.complete(Reply.of("late".getBytes(UTF_8)));
        assertThat(new String(client.request("fast".getBytes(UTF_8)).get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                .isEqualTo("fast");
        assertThat(client.pendingCalls()).isZero();
    }

    @Test
    void aHandlerErrorReachesTheClientAsARemoteErrorWithItsMessage() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(), (context, payload) -> {
            if (text(payload).equals("throw")) {
                throw new IllegalStateException("disk full on /tmp");
            }
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no such block"));
        });
        TransportClient client = clientFor(server);

        assertThatThrownBy(() -> client.request("throw".getBytes(UTF_8)).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteException.class, remote -> {
                    assertThat(remote.remoteMessage()).isEqualTo("IllegalStateException: disk full on /tmp");
                    assertThat(remote.peer()).isEqualTo(client.remoteAddress());
                    assertThat(remote.getCause()).isNull();
                })
                .hasMessageContaining("failed on " + client.remoteAddress());
        assertThatThrownBy(() -> client.request("fail".getBytes(UTF_8)).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(RemoteException.class)
                .hasMessageContaining("UnsupportedOperationException: no such block");
    }

    @Test
    void losingTheConnectionFailsEveryOutstandingRequest() throws Exception {
        CountDownLatch received = new CountDownLatch(3);
        TransportServer server = start(TestConfigs.unauthenticated().build(), (context, payload) -> {
            received.countDown();
            return new CompletableFuture<>();
        });
        TransportClient client = clientFor(server);
        List<CompletableFuture<byte[]>> outstanding = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outstanding.add(client.request(new byte[] {(byte) i}));
        }
        assertThat(received.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        server.close();

        for (CompletableFuture<byte[]> request : outstanding) {
            assertThatThrownBy(() -> request.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("Connection to " + server.boundAddress())
                    .hasMessageContaining("closed before request");
        }
        assertThatThrownBy(() -> client.request(new byte[1]).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void closingTheClientFailsItsOutstandingRequests() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(),
                (context, payload) -> new CompletableFuture<>());
        TransportClient client = clientFor(server);
        CompletableFuture<byte[]> request = client.request(new byte[] {1});

        client.close();

        assertThatThrownBy(() -> request.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("the client was closed");
    }

    @Test
    void aRequestAboveTheFrameLimitIsRefusedBeforeSendingAndTheConnectionStaysUsable() throws Exception {
        TransportConfig config = TestConfigs.unauthenticated().maxFrameBytes(16 << 10)
                .streamChunkBytes(8 << 10).build();
        TransportServer server = start(config, (context, payload) -> reply("ok:" + payload.readableBytes()));
        TransportClient client = clientFor(server, config);

        assertThatThrownBy(() -> client.request(new byte[20 << 10]).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("of 20480 bytes to " + client.remoteAddress())
                .hasMessageContaining("exceeds the maximum frame size of 16384 bytes");
        assertThat(new String(client.request(new byte[100]).get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                .isEqualTo("ok:100");
    }

    @Test
    void aReplyAboveTheFrameLimitBecomesAnErrorSuggestingAStream() throws Exception {
        TransportConfig config = TestConfigs.unauthenticated().maxFrameBytes(16 << 10)
                .streamChunkBytes(8 << 10).build();
        TransportServer server = start(config, (context, payload) -> CompletableFuture.completedFuture(
                Reply.of(context.peer() == null ? new byte[0] : new byte[32 << 10])));
        TransportClient client = clientFor(server, config);

        assertThatThrownBy(() -> client.request(new byte[1]).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(RemoteException.class)
                .hasMessageContaining("the reply of 32768 bytes exceeds the maximum frame size")
                .hasMessageContaining("reply with a stream");
    }

    @Test
    void theHandlerSeesAnImmutableContextAndIsToldWhenTheConnectionCloses() throws Exception {
        BlockingQueue<RequestContext> contexts = new LinkedBlockingQueue<>();
        BlockingQueue<RequestContext> closed = new LinkedBlockingQueue<>();
        TransportServer server = start(TestConfigs.unauthenticated().build(), new RequestHandler() {
            @Override
            public CompletableFuture<Reply> onRequest(RequestContext context, ByteBuf payload) {
                contexts.add(context);
                return reply("");
            }

            @Override
            public void onConnectionClosed(RequestContext context) {
                closed.add(context);
            }
        });
        TransportClient client = clientFor(server);
        client.request(new byte[0]).get(WAIT_SECONDS, TimeUnit.SECONDS);

        RequestContext context = contexts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(context.authenticated()).isFalse();
        assertThat(context.encrypted()).isFalse();
        assertThat(((InetSocketAddress) context.peer()).getAddress().isLoopbackAddress()).isTrue();

        client.close();
        assertThat(closed.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(context);
    }

    @Test
    void theFactoryReusesOneConnectionPerAddressAndReconnectsOnceItClosed() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(), (context, payload) -> reply("ok"));
        TransportClientFactory factory = closer.register(
                new TransportClientFactory(TestConfigs.unauthenticated().build()));
        InetSocketAddress address = server.boundAddress();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        closer.register(callers::shutdownNow);

        List<CompletableFuture<TransportClient>> concurrent = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            concurrent.add(CompletableFuture.supplyAsync(() -> factory.clientAsync(address), callers)
                    .thenCompose(client -> client));
        }
        TransportClient first = factory.client(address);
        for (CompletableFuture<TransportClient> client : concurrent) {
            assertThat(client.get(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(first);
        }
        Await.until("the server has one connection", () -> server.connectionCount() == 1);

        first.close();
        TransportClient second = factory.client(address);

        assertThat(second).isNotSameAs(first);
        assertThat(second.isActive()).isTrue();
        assertThat(new String(second.request(new byte[0]).get(WAIT_SECONDS, TimeUnit.SECONDS), UTF_8))
                .isEqualTo("ok");
    }

    @Test
    void connectingToAPortWithoutServerFailsNamingTheAddress() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(), (context, payload) -> reply(""));
        InetSocketAddress address = server.boundAddress();
        server.close();
        TransportClientFactory factory = closer.register(
                new TransportClientFactory(TestConfigs.unauthenticated().build()));

        assertThatThrownBy(() -> factory.client(address))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("Cannot connect to " + address);
    }

    @Test
    void closingTheFactoryFailsOutstandingRequests() throws Exception {
        TransportServer server = start(TestConfigs.unauthenticated().build(),
                (context, payload) -> new CompletableFuture<>());
        TransportClientFactory factory = new TransportClientFactory(TestConfigs.unauthenticated().build());
        TransportClient client = factory.client(server.boundAddress());
        CompletableFuture<byte[]> request = client.request(new byte[1]);

        factory.close();

        assertThatThrownBy(() -> request.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> factory.client(server.boundAddress()))
                .hasMessageContaining("the client factory is closed");
    }

    private TransportServer start(TransportConfig config, RequestHandler handler) throws TransportException {
        return closer.register(TransportServer.start(config, handler));
    }

    private TransportClient clientFor(TransportServer server) throws Exception {
        return clientFor(server, TestConfigs.unauthenticated().build());
    }

    private TransportClient clientFor(TransportServer server, TransportConfig config) throws Exception {
        TransportClientFactory factory = closer.register(new TransportClientFactory(config));
        return factory.client(server.boundAddress());
    }

    private static CompletableFuture<Reply> reply(String text) {
        return CompletableFuture.completedFuture(Reply.of(text.getBytes(UTF_8)));
    }

    private static String text(ByteBuf payload) {
        return new String(ByteBufUtil.getBytes(payload), UTF_8);
    }
}
