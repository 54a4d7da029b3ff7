package dev.sluice.bench.net;

import dev.sluice.network.TransportServer;
import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.config.TlsConfig;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.net.ShuffleBlockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server side of {@link FetchThroughput}, in a JVM of its own, as the executor that ran the map tasks would be:
 * it commits map outputs into a fresh {@link LocalDirectory} under {@code PARENT_DIR}, serves them with
 * {@link ShuffleBlockServer} on 127.0.0.1 (an ephemeral port), and runs until its standard input closes, so it never
 * outlives the process that started it.
 *
 * <p>Usage: {@code BlockServerProcess PARENT_DIR MAPS REDUCES BLOCK_BYTES [KEY_STORE]}, with the shared secret in
 * the environment variable {@value #SECRET_VARIABLE} (base64) and, when a PKCS12 {@code KEY_STORE} is given for TLS,
 * its password in {@value #STORE_PASSWORD_VARIABLE}: secrets never appear on a command line. It prints
 * {@code WROTE <bytes> <blocks>} once the map outputs are committed, then {@code PORT <port>} once it listens. The
 * exit status is 0 after standard input closed, 1 if it failed (the error on standard error), 2 on bad usage.
 */
public final class BlockServerProcess {

    /** The environment variable holding the base64 shared secret. */
    public static final String SECRET_VARIABLE = "SLUICE_BENCH_SECRET";

    /** The environment variable holding the key store's password. */
    public static final String STORE_PASSWORD_VARIABLE = "SLUICE_BENCH_STORE_PASSWORD";

    /** The shuffle id of the map outputs written. */
    static final int SHUFFLE_ID = 0;

    private BlockServerProcess() {}

    /** Entry point: {@code PARENT_DIR MAPS REDUCES BLOCK_BYTES [KEY_STORE]}. */
    public static void main(String[] args) {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: BlockServerProcess PARENT_DIR MAPS REDUCES BLOCK_BYTES [KEY_STORE]"
                    + "   (secret in $" + SECRET_VARIABLE + ", key store password in $" + STORE_PASSWORD_VARIABLE + ")");
            System.exit(2);
        }
        try {
            serve(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length == 5 ? Path.of(args[4]) : null);
        } catch (Exception | OutOfMemoryError e) {
            System.err.println("Block server process failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void serve(Path parent, int maps, int reduces, int blockBytes, Path keyStore) throws IOException {
        TransportConfig config = TransportConfig.builder()
                .bindHost("127.0.0.1")
                .port(0)
                .secret(secretFromEnvironment())
                .tls(keyStore == null ? null : TlsConfig.of(keyStore, requiredVariable(STORE_PASSWORD_VARIABLE)
                        .toCharArray(), null, null))
                .build();
        try (LocalDirectory dirs = LocalDirectory.create(parent, "block-server")) {
            long bytes = MapOutputFiles.write(dirs, SHUFFLE_ID, maps, reduces, blockBytes);
            System.out.println("WROTE " + bytes + " " + (long) maps * reduces);
            System.out.flush();
            try (TransportServer server = ShuffleBlockServer.start(config, dirs)) {
                System.out.println("PORT " + server.port());
                System.out.flush();
                awaitEndOfInput(System.in);
            }
        }
    }

    private static SharedSecret secretFromEnvironment() {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(requiredVariable(SECRET_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$" + SECRET_VARIABLE + " is not base64", e);
        }
        try {
            return SharedSecret.of(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String requiredVariable(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + name + " is not set");
        }
        return value;
    }

    /** Returns when {@code in} reaches its end, which is when the parent closes the pipe or dies. */
    private static void awaitEndOfInput(InputStream in) throws IOException {
        byte[] ignored = new byte[256];
        while (in.read(ignored) >= 0) {
            // nothing is expected on standard input; whatever comes is skipped
        }
    }
}
