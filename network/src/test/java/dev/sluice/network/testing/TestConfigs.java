package dev.sluice.network.testing;

import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.config.TransportConfig;
import java.nio.charset.StandardCharsets;

/** Small transport configurations for tests: one I/O thread, loopback, ephemeral ports. */
public final class TestConfigs {

    /** A secret known to tests, as bytes. */
    public static final byte[] SECRET_BYTES = "the-cluster-secret-for-tests-0001".getBytes(StandardCharsets.UTF_8);

    private TestConfigs() {
    }

    /** No authentication (allowed explicitly), no TLS. */
    public static TransportConfig.Builder unauthenticated() {
        return TransportConfig.builder().ioThreads(1).authenticationRequired(false);
    }

    /** Authentication with {@link #SECRET_BYTES}. */
    public static TransportConfig.Builder authenticated() {
        return authenticated(SharedSecret.of(SECRET_BYTES));
    }

    /** Authentication with {@code secret}. */
    public static TransportConfig.Builder authenticated(SharedSecret secret) {
        return TransportConfig.builder().ioThreads(1).secret(secret);
    }
}
