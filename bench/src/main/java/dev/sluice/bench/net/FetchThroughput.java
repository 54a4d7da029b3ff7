package dev.sluice.bench.net;

import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.net.FetchLimits;
import dev.sluice.shuffle.net.NettyShuffleBlockFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Measures how fast {@link NettyShuffleBlockFetcher} fetches shuffle blocks from a {@code ShuffleBlockServer} in
 * another JVM over loopback, without and with TLS, authenticating with a shared secret in both modes.
 *
 * <p>For each mode it starts a {@link BlockServerProcess}, which commits {@code maps} map outputs of
 * {@code reduces} blocks each (real data, index and checksum files) and serves them. This JVM then fetches every
 * block with the default {@link FetchLimits} through one pooled connection, reads every byte of every block and
 * closes it, round after round: the warm-up rounds, then the measured ones. It prints each round's MiB/s and the
 * median of the measured rounds. Each block's CRC32C is checked by the fetcher against the one recorded when the map
 * output was committed, and every round must read exactly the bytes the server committed.
 *
 * <p>Usage: {@code FetchThroughput [options]} (see {@link FetchSettings#USAGE}); {@code bench/fetch-throughput.sh}
 * builds the module and runs it. The map outputs and key stores live in a temporary directory that is deleted at
 * the end, and the server process is stopped whatever happens. Exit status 0, 1 if the run failed, 2 on bad usage.
 */
public final class FetchThroughput {

    private static final double MIB = 1 << 20;
    private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(10);
    private static final int READ_BUFFER_BYTES = 64 << 10;

    private FetchThroughput() {}

    /** Entry point: {@code [options]}, see {@link FetchSettings#USAGE}. */
    public static void main(String[] args) {
        FetchSettings settings;
        try {
            settings = FetchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: FetchThroughput " + FetchSettings.USAGE);
            System.exit(2);
            return;
        }
        try {
            FetchResult result = run(settings, System.out);
            for (ModeResult mode : result.modes()) {
                System.out.printf(Locale.ROOT, "RESULT fetch-throughput %-5s median %8.1f MiB/s  (%.2f GiB/s, %d "
                                + "measured rounds of %s)%n", mode.mode().label(), mode.medianMibPerSecond(),
                        mode.medianMibPerSecond() / 1024, mode.measured().size(), describe(settings));
            }
        } catch (Exception | OutOfMemoryError e) {
            System.err.println("FAILED fetch-throughput: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * Runs the benchmark, printing a line per round to {@code out}.
     *
     * @return every round of every mode
     * @throws IOException if the server process or a fetch fails
     * @throws IllegalStateException if a round read other than the bytes or blocks the server committed
     */
    public static FetchResult run(FetchSettings settings, PrintStream out) throws IOException, InterruptedException {
        Files.createDirectories(settings.workDirectory());
        Path work = Files.createTempDirectory(settings.workDirectory(), "sluice-fetch-bench-");
        AtomicReference<ServerProcess> running = new AtomicReference<>();
        // on Ctrl-C the finally blocks do not run: stop the server and delete the files from a shutdown hook
        Thread cleanup = new Thread(() -> {
            ServerProcess server = running.get();
            if (server != null) {
                server.kill();
            }
            deleteRecursively(work);
        }, "fetch-throughput-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SharedSecret secret = SharedSecret.of(key);
            String encodedSecret = Base64.getEncoder().encodeToString(key);
            Arrays.fill(key, (byte) 0);
            out.printf(Locale.ROOT, "fetch-throughput: %s; %d warm-up + %d measured rounds; server JVM options %s%n",
                    describe(settings), settings.warmupRounds(), settings.rounds(), settings.serverJvmOptions());
            TlsStores stores = settings.modes().contains(Encryption.TLS) ? TlsStores.generate(work) : null;
            List<ModeResult> results = new ArrayList<>();
            for (Encryption mode : settings.modes()) {
                results.add(runMode(settings, mode, work, secret, encodedSecret, stores, running, out));
            }
            return new FetchResult(settings, results);
        } finally {
            deleteRecursively(work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds nothing left to do
            }
        }
    }

    private static ModeResult runMode(FetchSettings settings, Encryption mode, Path work, SharedSecret secret,
                                      String encodedSecret, TlsStores stores,
                                      AtomicReference<ServerProcess> running, PrintStream out)
            throws IOException, InterruptedException {
        boolean tls = mode == Encryption.TLS;
        Map<String, String> environment = tls
                ? Map.of(BlockServerProcess.SECRET_VARIABLE, encodedSecret,
                        BlockServerProcess.STORE_PASSWORD_VARIABLE, stores.password())
                : Map.of(BlockServerProcess.SECRET_VARIABLE, encodedSecret);
        Path serverDirectory = Files.createDirectory(work.resolve("server-" + mode.label()));
        TransportConfig config = TransportConfig.builder()
                .secret(secret)
                .tls(tls ? stores.clientConfig() : null)
                .build();
        List<List<ShuffleBlockId>> fetches = plan(settings);
        List<RoundResult> rounds = new ArrayList<>();
        long started = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(settings.serverJvmOptions(), serverDirectory,
                settings.maps(), settings.reduces(), settings.blockBytes(), tls ? stores.keyStore() : null,
                environment, SERVER_START_TIMEOUT, running::set)) {
            out.printf(Locale.ROOT, "%-5s server pid %d on 127.0.0.1:%d wrote %.1f MiB in %d blocks (%.1f s "
                            + "including JVM start)%n", mode.label(), server.pid(), server.port(),
                    server.bytesWritten() / MIB, server.blocksWritten(), (System.nanoTime() - started) / 1e9);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            try (TransportClientFactory clients = new TransportClientFactory(config)) {
                NettyShuffleBlockFetcher fetcher = new NettyShuffleBlockFetcher(clients, block -> address,
                        FetchLimits.defaults());
                byte[] buffer = new byte[READ_BUFFER_BYTES];
                int total = settings.warmupRounds() + settings.rounds();
                for (int round = 1; round <= total; round++) {
                    RoundResult result = round(fetcher, fetches, round, round <= settings.warmupRounds(), buffer);
                    if (result.bytes() != server.bytesWritten() || result.blocks() != server.blocksWritten()) {
                        throw new IllegalStateException("round " + round + " read " + result.bytes() + " bytes in "
                                + result.blocks() + " blocks; the server wrote " + server.bytesWritten()
                                + " bytes in " + server.blocksWritten() + " blocks");
                    }
                    out.printf(Locale.ROOT, "%-5s round %2d %-9s %8.1f MiB in %7.3f s  %8.1f MiB/s%n",
                            mode.label(), round, result.warmup() ? "(warm-up)" : "", result.bytes() / MIB,
                            result.nanos() / 1e9, result.mibPerSecond());
                    rounds.add(result);
                }
            }
            running.set(null);
            ModeResult result = new ModeResult(mode, server.bytesWritten(), server.blocksWritten(), server.pid(),
                    rounds);
            out.printf(Locale.ROOT, "%-5s median %.1f MiB/s over %d measured rounds%n", mode.label(),
                    result.medianMibPerSecond(), settings.rounds());
            return result;
        }
    }

    /** The block lists of one round: one list of every block, or one per reduce partition. */
    private static List<List<ShuffleBlockId>> plan(FetchSettings settings) {
        List<List<ShuffleBlockId>> fetches = new ArrayList<>();
        if (settings.perReduce()) {
            for (int reduceId = 0; reduceId < settings.reduces(); reduceId++) {
                List<ShuffleBlockId> blocks = new ArrayList<>();
                for (int mapId = 0; mapId < settings.maps(); mapId++) {
                    blocks.add(new ShuffleBlockId(BlockServerProcess.SHUFFLE_ID, mapId, reduceId));
                }
                fetches.add(List.copyOf(blocks));
            }
        } else {
            List<ShuffleBlockId> blocks = new ArrayList<>();
            for (int mapId = 0; mapId < settings.maps(); mapId++) {
                for (int reduceId = 0; reduceId < settings.reduces(); reduceId++) {
                    blocks.add(new ShuffleBlockId(BlockServerProcess.SHUFFLE_ID, mapId, reduceId));
                }
            }
            fetches.add(List.copyOf(blocks));
        }
        return List.copyOf(fetches);
    }

    /** Fetches every block once, reading each to its end through its stream and closing it. */
    private static RoundResult round(NettyShuffleBlockFetcher fetcher, List<List<ShuffleBlockId>> fetches,
                                     int round, boolean warmup, byte[] buffer) throws IOException {
        long bytes = 0;
        long blocks = 0;
        long start = System.nanoTime();
        for (List<ShuffleBlockId> fetch : fetches) {
            Iterator<FetchedBlock> iterator = fetcher.fetch(fetch);
            try {
                while (iterator.hasNext()) {
                    try (FetchedBlock block = iterator.next(); InputStream in = block.open()) {
                        long read = 0;
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            read += n;
                        }
                        if (read != block.size()) {
                            throw new IllegalStateException("block " + block.id() + " has " + block.size()
                                    + " bytes but its stream gave " + read);
                        }
                        bytes += read;
                        blocks++;
                    }
                }
            } finally {
                closeQuietly(iterator);
            }
        }
        return new RoundResult(round, warmup, bytes, blocks, System.nanoTime() - start);
    }

    /** Abandons what a fetch still has in flight, if it can (a finished fetch has nothing left). */
    private static void closeQuietly(Iterator<FetchedBlock> iterator) {
        if (iterator instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("closing a fetch failed: " + e);
            }
        }
    }

    private static String describe(FetchSettings settings) {
        return String.format(Locale.ROOT, "%d maps x %d reduces x %s blocks = %.1f MiB, %s", settings.maps(),
                settings.reduces(), size(settings.blockBytes()), settings.totalBytes() / MIB,
                settings.perReduce() ? "one fetch per reduce partition" : "one fetch of every block");
    }

    private static String size(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }

    /** Deletes {@code directory} and everything under it; what cannot be deleted is reported, not thrown. */
    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("could not delete " + path + ": " + e);
                }
            }
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
