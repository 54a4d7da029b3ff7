package dev.sluice.executor.protocol;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.config.TlsConfig;
import dev.sluice.network.config.TransportConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Turns the {@code sluice.auth.*}, {@code sluice.ssl.*} and {@code sluice.network.*} settings into the
 * transport's configuration, the same way in the driver and in its executors.
 */
public final class TransportSettings {
    /** The environment variable that hands the shared secret to an executor process (never its command line). */
    public static final String SECRET_ENVIRONMENT_VARIABLE = "SLUICE_AUTH_SECRET";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TransportSettings() {
    }

    /**
     * The configured secret's text: {@code sluice.auth.secret}, else the contents of {@code sluice.auth.secretFile},
     * else empty.
     */
    public static String configuredSecret(SluiceConfig config) {
        String secret = config.get(ConfigKeys.AUTH_SECRET);
        if (!secret.isEmpty()) {
            return secret;
        }
        String file = config.get(ConfigKeys.AUTH_SECRET_FILE);
        if (file.isEmpty()) {
            return "";
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new ConfigException("The secret file " + file + " (sluice.auth.secretFile) is empty");
            }
            return text;
        } catch (IOException e) {
            throw new ConfigException("Cannot read the secret file " + file + " (sluice.auth.secretFile): " + e);
        }
    }

    /** A fresh random secret for one application. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The transport configuration for a process of this application.
     *
     * @param secret the secret's text (at least 16 bytes of UTF-8)
     * @throws ConfigException if the secret is too short or TLS is on without its stores
     */
    public static TransportConfig transportConfig(SluiceConfig config, String secret) {
        return transportConfig(config, secret, 0);
    }

    /**
     * The transport configuration of a process listening on {@code port} (0: any free port).
     *
     * @throws ConfigException if the secret is too short or TLS is on without its stores
     */
    public static TransportConfig transportConfig(SluiceConfig config, String secret, int port) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < SharedSecret.MIN_BYTES) {
            throw new ConfigException("The shared secret (sluice.auth.secret or sluice.auth.secretFile) must have at "
                    + "least " + SharedSecret.MIN_BYTES + " bytes");
        }
        TransportConfig.Builder builder = TransportConfig.builder()
                .bindHost(config.get(ConfigKeys.NETWORK_BIND_HOST))
                .port(port)
                .maxFrameBytes((int) Math.min(TransportConfig.MAX_FRAME_BYTES, config.get(ConfigKeys.NETWORK_MAX_FRAME_SIZE)))
                .secret(SharedSecret.ofPassphrase(secret.toCharArray()));
        String advertised = config.get(ConfigKeys.NETWORK_ADVERTISED_HOST);
        if (!advertised.isEmpty()) {
            builder.advertisedHost(advertised);
        }
        if (config.get(ConfigKeys.SSL_ENABLED)) {
            builder.tls(tls(config));
        }
        return builder.build();
    }

    private static TlsConfig tls(SluiceConfig config) {
        String keyStore = config.get(ConfigKeys.SSL_KEY_STORE);
        String trustStore = config.get(ConfigKeys.SSL_TRUST_STORE);
        if (keyStore.isEmpty() || trustStore.isEmpty()) {
            throw new ConfigException("sluice.ssl.enabled=true needs sluice.ssl.keyStore and sluice.ssl.trustStore "
                    + "(PKCS12 files): every Sluice process is both a server and a client");
        }
        return TlsConfig.of(Path.of(keyStore), config.get(ConfigKeys.SSL_KEY_STORE_PASSWORD).toCharArray(),
                Path.of(trustStore), config.get(ConfigKeys.SSL_TRUST_STORE_PASSWORD).toCharArray());
    }
}
