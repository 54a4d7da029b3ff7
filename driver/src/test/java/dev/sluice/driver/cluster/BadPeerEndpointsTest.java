package dev.sluice.driver.cluster;

import dev.sluice.executor.cluster.ExecutorProcess;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.TransportSettings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.protocol.ClusterMessages.FetchCachedBlock;
import dev.sluice.executor.protocol.ClusterMessages.FetchResult;
import dev.sluice.executor.protocol.ClusterMessages.GetCachedBlock;
import dev.sluice.executor.protocol.ClusterMessages.GetClass;
import dev.sluice.executor.protocol.ClusterMessages.GetMapOutputs;
import dev.sluice.executor.protocol.ClusterMessages.Heartbeat;
import dev.sluice.executor.protocol.ClusterMessages.LaunchTask;
import dev.sluice.executor.protocol.ClusterMessages.MetricValues;
import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.network.TransportClient;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.network.testing.BadPeer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.shuffle.net.FetchBlocks;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real driver endpoint and a real executor (in this JVM, over loopback), each flooded after a valid handshake by
 * a peer that holds the application's secret and sends thousands of bad frames (seeded: random bytes, truncated
 * messages, unknown and name-encoded classes, block requests for shuffles that do not exist, messages meant for
 * another endpoint). Every request gets an error reply, each bad connection costs one WARN line, a connection
 * sending bytes that are no frame is closed, and both endpoints go on serving: a second executor registers, both
 * heartbeat, and both stop when the driver tells them to.
 */
@Timeout(180)
class BadPeerEndpointsTest {
    private static final String SECRET = InProcessDriver.SECRET;
    private static final int FRAMES = 3000;

    @TempDir
    Path temp;

    private final SluiceConfig config = SluiceConfig.of(Map.of("sluice.executor.heartbeatInterval", "100ms"));
    private InProcessDriver driver;
    private ClusterBackend backend;
    private ControlSerializer serializer;
    private TransportClientFactory badClients;

    @BeforeEach
    void startDriver() throws Exception {
        driver = new InProcessDriver(config);
        backend = driver.backend;
        serializer = driver.serializer;
        badClients = new TransportClientFactory(TransportSettings.transportConfig(config, SECRET));
    }

    @AfterEach
    void stopDriver() {
        driver.close();
        badClients.close();
    }

    private ExecutorSpec spec(String id) {
        return driver.spec(id, temp.resolve(id));
    }

    @Test
    void theDriverAndAnExecutorAnswerABadPeerWithErrorsAndGoOnServing() throws Exception {
        backend.expect("1");
        backend.expect("2");
        ExecutorProcess first = ExecutorProcess.start(spec("1"));
        InetSocketAddress unresolved = backend.addresses().get("1");
        InetSocketAddress executor = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
        List<Object> samples = List.of(new RegisterExecutor("9", "127.0.0.1", 1, 1, 1L),
                new Heartbeat("1", new MetricValues(new String[] {"a"}, new double[] {1})), new GetMapOutputs(3),
                new GetCachedBlock(1, 2, "1"), new GetClass("dev.sluice.Nope"), new FetchBlocks(1, 2, new int[] {3}),
                new LaunchTask(1, 1, 1, 0, 0, 0, new byte[] {1, 2, 3}, new byte[0], 0L));
        List<Object> refusedByBoth = List.of(new FetchBlocks(404, 0, new int[] {0, 1}), new FetchResult(77),
                new FetchCachedBlock(404, 0));

        BadPeer.Report atDriver;
        BadPeer.Report atExecutor;
        String logged;
        try (LogCapture log = LogCapture.start()) {
            TransportClient toDriver = badClients.client(driver.server.boundAddress());
            TransportClient toExecutor = badClients.client(executor);
            atDriver = new BadPeer(serializer, samples, refusedByBoth, 1L).flood(toDriver, FRAMES);
            atExecutor = new BadPeer(serializer, samples, refusedByBoth, 2L).flood(toExecutor, FRAMES);
            assertThat(toDriver.isActive()).isTrue();
            assertThat(toExecutor.isActive()).isTrue();
            logged = log.text();
        }

        for (BadPeer.Report report : List.of(atDriver, atExecutor)) {
            assertThat(report.requests()).isGreaterThan(FRAMES / 2);
            assertThat(report.errorReplies()).as("%s", report).isEqualTo(report.requests());
        }
        assertThat(atDriver.sampleErrors()).anySatisfy(e -> assertThat(e).contains("The driver does not answer"));
        assertThat(atExecutor.sampleErrors()).anySatisfy(e -> assertThat(e).containsAnyOf(
                "Cannot serve shuffle 404", "holds no result of task 77", "no longer holds partition 0 of dataset node 404"));
        List<String> warnings = Arrays.stream(logged.split("\n")).filter(l -> l.contains("WARN")).toList();
        assertThat(warnings).as(logged).hasSize(2)
                .allSatisfy(w -> assertThat(w).contains("further problems on this connection are logged at DEBUG"));
        assertThat(logged).doesNotContain("\tat ");

        BadPeer garbage = new BadPeer(serializer, samples, refusedByBoth, 3L);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        assertThat(garbage.garbageAfterHandshake(driver.server.boundAddress(), secret)).isTrue();
        assertThat(garbage.garbageAfterHandshake(executor, secret)).isTrue();

        ExecutorProcess second = ExecutorProcess.start(spec("2"));
        assertThat(backend.executorIds()).containsExactlyInAnyOrder("1", "2");
        backend.stopExecutors("test over", Duration.ofSeconds(30));
        assertThat(first.awaitStop()).isZero();
        assertThat(second.awaitStop()).isZero();
    }
}
