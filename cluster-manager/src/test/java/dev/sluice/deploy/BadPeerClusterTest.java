package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.Sluice;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages.Kill;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.DeployMessages.RequestDriverState;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.master.Master;
import dev.sluice.deploy.master.RecoveryStore;
import dev.sluice.deploy.worker.Worker;
import dev.sluice.executor.protocol.TransportSettings;
import dev.sluice.network.TransportClient;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.network.testing.BadPeer;
import dev.sluice.network.testing.LogCapture;
import dev.sluice.shuffle.net.FetchBlocks;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone master, a worker and a driver in this JVM (the worker starts real executor processes), each
 * flooded after a valid handshake by a peer that holds the cluster's secret and sends thousands of bad frames
 * (seeded: random bytes, truncated messages, unknown and name-encoded classes, block requests for shuffles that do
 * not exist, messages meant for another component). Every request gets an error reply, each bad connection costs
 * one WARN line, a connection sending bytes that are no frame is closed, and the cluster goes on serving: the
 * application runs a shuffle job again, and a second application gets executors from the flooded worker.
 */
@Timeout(300)
class BadPeerClusterTest {
    private static final String SECRET = "the cluster's secret for this test, 32+ bytes";
    private static final int FRAMES = 2000;

    @TempDir
    Path dir;

    private Master master;
    private Worker worker;
    private TransportClientFactory badClients;

    @AfterEach
    void tearDown() {
        if (badClients != null) {
            badClients.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void theMasterAWorkerAndADriverAnswerABadPeerWithErrorsAndGoOnServing() throws Exception {
        SluiceConfig config = SluiceConfig.of(Map.of("sluice.master.webui.port", "0", "sluice.worker.webui.port", "0",
                "sluice.worker.cores", "2", "sluice.worker.memory", "2g",
                "sluice.worker.workDir", dir.resolve("work").toString()));
        TransportConfig transport = TransportSettings.transportConfig(config, SECRET);
        master = Master.start(config, transport, RecoveryStore.none());
        worker = Worker.start(master.url(), config, transport, SECRET);
        badClients = new TransportClientFactory(transport);
        ControlSerializer serializer = DeployMessages.newSerializer();
        List<Object> samples = List.of(new RegisterApplication("app-x", "x", 1, 512, 0, "127.0.0.1", 1, "a=b", false,
                new String[] {"1"}), new LaunchExecutor("app-x", "1", 1, 512, "127.0.0.1", 1, "a=b"),
                new WorkerHeartbeat("worker-x"), new Kill("app-x"));
        List<Object> refused = List.of(new FetchBlocks(404, 0, new int[] {0}), new Kill("no-such-app"),
                new RequestDriverState("no-such-driver"));

        try (Sluice first = application("first")) {
            assertThat(sumByKey(first)).isEqualTo(expectedSums());
            String[] driver = master.applications().get(0).driver().split(":");
            InetSocketAddress driverAddress = new InetSocketAddress(driver[0], Integer.parseInt(driver[1]));
            InetSocketAddress masterAddress = new InetSocketAddress(master.url().host(), master.url().port());
            InetSocketAddress workerAddress = new InetSocketAddress(worker.address().getHostString(),
                    worker.address().getPort());

            String logged;
            try (LogCapture log = LogCapture.start()) {
                long seed = 7;
                for (InetSocketAddress target : List.of(masterAddress, workerAddress, driverAddress)) {
                    TransportClient bad = badClients.client(target);
                    BadPeer.Report report = new BadPeer(serializer, samples, refused, seed++).flood(bad, FRAMES);
                    assertThat(report.requests()).isGreaterThan(FRAMES / 2);
                    assertThat(report.errorReplies()).as("%s at %s", report, target).isEqualTo(report.requests());
                    assertThat(bad.isActive()).as("the bad peer's connection to %s", target).isTrue();
                }
                logged = log.text();
            }
            List<String> peerWarnings = Arrays.stream(logged.split("\n"))
                    .filter(l -> l.contains("WARN") && l.contains("(from /127.0.0.1:")).toList();
            assertThat(peerWarnings).as(logged).hasSize(3)
                    .allSatisfy(w -> assertThat(w).contains("further problems on this connection are logged at DEBUG"));
            assertThat(logged).doesNotContain("\tat ");

            BadPeer garbage = new BadPeer(serializer, samples, refused, 99);
            byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
            for (InetSocketAddress target : List.of(masterAddress, workerAddress, driverAddress)) {
                assertThat(garbage.garbageAfterHandshake(target, secret)).as("closed by %s", target).isTrue();
            }

            assertThat(sumByKey(first)).isEqualTo(expectedSums());
        }
        try (Sluice second = application("second")) {
            assertThat(sumByKey(second)).isEqualTo(expectedSums());
        }
        assertThat(master.workers()).singleElement().satisfies(w -> assertThat(w.state()).isEqualTo("ALIVE"));
    }

    private Sluice application(String name) {
        return Sluice.builder().master(master.url().toString()).appName(name)
                .config("sluice.auth.secret", SECRET).config("sluice.executor.memory", "512m").create();
    }

    private static Map<Integer, Long> sumByKey(Sluice sluice) {
        return sluice.parallelize(IntStream.range(0, 1000).boxed().toList(), 4)
                .mapToPair(i -> Pair.of(i % 7, (long) i)).reduceByKey(Long::sum).collectAsMap();
    }

    private static Map<Integer, Long> expectedSums() {
        return IntStream.range(0, 7).boxed().collect(java.util.stream.Collectors.toMap(k -> k,
                k -> IntStream.range(0, 1000).filter(i -> i % 7 == k).asLongStream().sum()));
    }
}
