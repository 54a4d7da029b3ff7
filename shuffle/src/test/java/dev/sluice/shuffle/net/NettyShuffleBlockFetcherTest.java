package dev.sluice.shuffle.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.testing.LeakDetectionExtension;
import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real servers and fetchers on loopback; Netty's leak detector runs at PARANOID and a leaked buffer fails the test. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class NettyShuffleBlockFetcherTest {

    private static final FetchLimits FAST_RETRIES = FetchLimits.defaults().withRetryWait(Duration.ofMillis(10));

    @TempDir
    Path parent;

    private final SharedSecret secret = SharedSecret.random();
    private final Random random = new Random(42);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void fetchesBlocksFromTwoServersLikeTheLocalFetcherWithOneRequestPerMapOutput() throws IOException {
        LocalDirectory evenMaps = directory("even");
        LocalDirectory oddMaps = directory("odd");
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int mapId = 0; mapId < 4; mapId++) {
            MapOutputs.write(mapId % 2 == 0 ? evenMaps : oddMaps, 1, mapId, randomSizes(6), random);
        }
        for (int reduceId = 0; reduceId < 6; reduceId++) {
            for (int mapId = 0; mapId < 4; mapId++) {
                blocks.add(new ShuffleBlockId(1, mapId, reduceId));
            }
        }
        Served even = serve(evenMaps, 0);
        Served odd = serve(oddMaps, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret),
                block -> block.mapId() % 2 == 0 ? even.address() : odd.address(), FAST_RETRIES);

        Map<ShuffleBlockId, String> fetched = fetchAll(fetcher, blocks);

        Map<ShuffleBlockId, String> expected = new HashMap<>();
        expected.putAll(fetchAll(new LocalShuffleBlockFetcher(evenMaps), blocks.stream()
                .filter(block -> block.mapId() % 2 == 0).toList()));
        expected.putAll(fetchAll(new LocalShuffleBlockFetcher(oddMaps), blocks.stream()
                .filter(block -> block.mapId() % 2 == 1).toList()));
        assertThat(expected).hasSizeGreaterThan(12);
        assertThat(fetched).isEqualTo(expected);
        assertThat(even.handler().requests()).isEqualTo(2);
        assertThat(odd.handler().requests()).isEqualTo(2);
    }

    @Test
    void keepsRequestsInFlightWithinTheCap() throws IOException {
        LocalDirectory dirs = directory("maps");
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int mapId = 0; mapId < 12; mapId++) {
            MapOutputs.write(dirs, 2, mapId, new long[] {30_000, 20_000}, random);
            blocks.add(new ShuffleBlockId(2, mapId, 0));
            blocks.add(new ShuffleBlockId(2, mapId, 1));
        }
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(),
                FAST_RETRIES.withMaxRequestsInFlight(2));

        assertThat(fetchAll(fetcher, blocks)).hasSize(24);
        assertThat(server.handler().requests()).isEqualTo(12);
        assertThat(server.handler().maxConcurrentStreams()).isBetween(1, 2);
    }

    @Test
    void sendsOneRequestAtATimeWhenTheByteCapIsSmallerThanABlock() throws IOException {
        LocalDirectory dirs = directory("maps");
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int mapId = 0; mapId < 6; mapId++) {
            MapOutputs.write(dirs, 3, mapId, new long[] {10_000}, random);
            blocks.add(new ShuffleBlockId(3, mapId, 0));
        }
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(),
                FAST_RETRIES.withMaxBytesInFlight(1_000));

        assertThat(fetchAll(fetcher, blocks)).hasSize(6);
        assertThat(server.handler().maxConcurrentStreams()).isEqualTo(1);
    }

    @Test
    void refetchesACorruptBlockOnce() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 4, 0, new long[] {5_000, 7_000}, random);
        List<ShuffleBlockId> blocks = List.of(new ShuffleBlockId(4, 0, 0), new ShuffleBlockId(4, 0, 1));
        Served server = serve(dirs, 1);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(), FAST_RETRIES);

        assertThat(fetchAll(fetcher, blocks)).isEqualTo(fetchAll(new LocalShuffleBlockFetcher(dirs), blocks));
        assertThat(server.handler().requests()).isEqualTo(2);
    }

    @Test
    void failsNamingTheCrcWhenTheRefetchedBlockIsCorruptAgain() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 4, 0, new long[] {5_000}, random);
        Served server = serve(dirs, Integer.MAX_VALUE);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(), FAST_RETRIES);

        assertThatThrownBy(() -> fetchAll(fetcher, List.of(new ShuffleBlockId(4, 0, 0))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_4_0_0")
                .hasMessageContaining("CRC32C mismatch")
                .hasMessageContaining(server.address().toString())
                .hasMessageContaining("expected")
                .hasMessageContaining("computed");
        assertThat(server.handler().requests()).isEqualTo(2);
    }

    @Test
    void aSegmentDamagedOnDiskFailsTheChecksumRecordedWhenItWasWritten() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 8, 0, new long[] {3_000, 4_000}, random);
        Path data = dirs.shuffleDataFile(8, 0);
        byte[] bytes = Files.readAllBytes(data);
        bytes[3_000 + 1_234] ^= 0x40; // inside partition 1; partition 0 stays sound
        Files.write(data, bytes);
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(), FAST_RETRIES);

        assertThat(fetchAll(fetcher, List.of(new ShuffleBlockId(8, 0, 0)))).hasSize(1);
        assertThatThrownBy(() -> fetchAll(fetcher, List.of(new ShuffleBlockId(8, 0, 1))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_8_0_1")
                .hasMessageContaining("CRC32C mismatch");
    }

    @Test
    void anOutputWithoutRecordedChecksumsIsCheckedAgainstWhatTheServerReads() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 9, 0, new long[] {2_000}, random);
        Files.delete(dirs.shuffleChecksumFile(9, 0));
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(), FAST_RETRIES);
        List<ShuffleBlockId> blocks = List.of(new ShuffleBlockId(9, 0, 0));

        assertThat(fetchAll(fetcher, blocks)).isEqualTo(fetchAll(new LocalShuffleBlockFetcher(dirs), blocks));
    }

    @Test
    void retriesAStoppedServerThenFailsNamingItsAddress() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 5, 0, new long[] {100}, random);
        TransportServer stopped = ShuffleBlockServer.start(config(secret), dirs);
        InetSocketAddress address = stopped.boundAddress();
        stopped.close();
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> address, FAST_RETRIES.withMaxRetries(2));

        assertThatThrownBy(() -> fetchAll(fetcher, List.of(new ShuffleBlockId(5, 0, 0))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_5_0_0")
                .hasMessageContaining(address.toString())
                .hasMessageContaining("after 2 retries");
    }

    @Test
    void reportsAnUnknownShuffleOrPartitionAndKeepsServing() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 6, 0, new long[] {100, 200}, random);
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(), FAST_RETRIES);

        assertThatThrownBy(() -> fetchAll(fetcher, List.of(new ShuffleBlockId(99, 0, 0))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_99_0_0")
                .hasMessageContaining("shuffle 99 map 0")
                .hasMessageContaining(dirs.root().toString())
                .hasMessageContaining(server.address().toString());
        assertThatThrownBy(() -> fetchAll(fetcher, List.of(new ShuffleBlockId(6, 0, 7))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("not partition 7");
        assertThat(fetchAll(fetcher, List.of(new ShuffleBlockId(6, 0, 1)))).hasSize(1);
        assertThat(server.handler().requests()).isEqualTo(3);
    }

    @Test
    void aClientWithTheWrongSecretCannotFetch() throws IOException {
        LocalDirectory dirs = directory("maps");
        MapOutputs.write(dirs, 7, 0, new long[] {100}, random);
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(SharedSecret.random()), block -> server.address(),
                FAST_RETRIES.withMaxRetries(1));

        assertThatThrownBy(() -> fetchAll(fetcher, List.of(new ShuffleBlockId(7, 0, 0))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_7_0_0")
                .hasMessageContaining(server.address().toString());
        assertThat(server.handler().requests()).isZero();
    }

    @Test
    void closingTheIteratorEarlyReleasesWhatIsInFlight() throws Exception {
        LocalDirectory dirs = directory("maps");
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int mapId = 0; mapId < 8; mapId++) {
            MapOutputs.write(dirs, 8, mapId, new long[] {50_000}, random);
            blocks.add(new ShuffleBlockId(8, mapId, 0));
        }
        Served server = serve(dirs, 0);
        NettyShuffleBlockFetcher fetcher = fetcher(clients(secret), block -> server.address(), FAST_RETRIES);

        Iterator<FetchedBlock> iterator = fetcher.fetch(blocks);
        try (FetchedBlock first = iterator.next()) {
            assertThat(first.size()).isEqualTo(50_000);
        }
        ((AutoCloseable) iterator).close();

        assertThat(fetchAll(fetcher, blocks.subList(0, 2))).hasSize(2);
    }

    private record Served(InetSocketAddress address, ObservedHandler handler) {}

    private Served serve(LocalDirectory dirs, int corruptStreams) throws IOException {
        ObservedHandler handler = new ObservedHandler(new ShuffleBlockServer(dirs), corruptStreams);
        TransportServer server = TransportServer.start(config(secret), handler);
        resources.push(server);
        return new Served(server.boundAddress(), handler);
    }

    private TransportClientFactory clients(SharedSecret clientSecret) throws IOException {
        TransportClientFactory clients = new TransportClientFactory(config(clientSecret));
        resources.push(clients);
        return clients;
    }

    private static NettyShuffleBlockFetcher fetcher(TransportClientFactory clients, BlockLocator locator,
                                                    FetchLimits limits) {
        return new NettyShuffleBlockFetcher(clients, locator, limits);
    }

    private static TransportConfig config(SharedSecret secret) {
        return TransportConfig.builder().ioThreads(1).secret(secret).streamChunkBytes(4096)
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    private LocalDirectory directory(String appId) {
        LocalDirectory dirs = LocalDirectory.create(parent, appId);
        resources.push(dirs);
        return dirs;
    }

    private long[] randomSizes(int partitions) {
        long[] sizes = new long[partitions];
        for (int i = 0; i < partitions; i++) {
            sizes[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20_000);
        }
        return sizes;
    }

    private static Map<ShuffleBlockId, String> fetchAll(ShuffleBlockFetcher fetcher, List<ShuffleBlockId> blocks) {
        Map<ShuffleBlockId, String> contents = new HashMap<>();
        Iterator<FetchedBlock> iterator = fetcher.fetch(blocks);
        while (iterator.hasNext()) {
            try (FetchedBlock block = iterator.next(); InputStream in = block.open()) {
                byte[] bytes = in.readAllBytes();
                assertThat((long) bytes.length).isEqualTo(block.size());
                assertThat(contents.put(block.id(), Base64.getEncoder().encodeToString(bytes))).isNull();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contents;
    }
}
