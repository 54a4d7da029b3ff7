package dev.sluice.network.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a transport server or client factory needs, validated once on construction. Build it with
 * {@link #builder()}; every setting has a default except the choice between authenticating and not.
 *
 * <p>Authentication is required by default: a configuration without a {@link SharedSecret} is refused unless
 * {@link Builder#authenticationRequired(boolean) authenticationRequired(false)} says, explicitly, that peers are
 * not authenticated. That is only for tests and for networks where every process that can connect is trusted.
 *
 * @param bindHost the address a server listens on; loopback ({@value #DEFAULT_BIND_HOST}) by default
 * @param port the port a server listens on; 0 picks a free one, which the server reports once bound
 * @param advertisedHost the host name peers should dial to reach this server, or {@code null} for the bind host
 * @param maxFrameBytes the largest frame (type byte and body, after the length prefix) accepted or sent
 * @param streamChunkBytes the largest payload of one chunk of a streamed reply
 * @param connectTimeout how long a client waits for a TCP connection
 * @param handshakeTimeout how long either side waits for the TLS and authentication handshakes to finish
 * @param requestTimeout the default time a request waits for its response (and a stream for its next chunk)
 * @param ioThreads the number of event loop threads of a server's or client factory's I/O group
 * @param secret the shared secret peers authenticate with, or {@code null} for no authentication
 * @param authenticationRequired whether a {@code secret} must be present
 * @param tls TLS settings, or {@code null} for plaintext connections
 */
public record TransportConfig(String bindHost, int port, String advertisedHost, int maxFrameBytes,
                              int streamChunkBytes, Duration connectTimeout, Duration handshakeTimeout,
                              Duration requestTimeout, int ioThreads, SharedSecret secret,
                              boolean authenticationRequired, TlsConfig tls) {

    /** Servers listen on loopback unless told otherwise. */
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    /** Default largest frame: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;
    /** Default largest chunk of a streamed reply: 512 KiB. */
    public static final int DEFAULT_STREAM_CHUNK_BYTES = 512 << 10;
    /** The smallest frame limit accepted: 16 KiB, room for any error message. */
    public static final int MIN_FRAME_BYTES = 16 << 10;
    /** The largest frame limit accepted: 1 GiB. */
    public static final int MAX_FRAME_BYTES = 1 << 30;
    /** The smallest stream chunk accepted: 1 KiB. */
    public static final int MIN_STREAM_CHUNK_BYTES = 1 << 10;
    /** Bytes a stream chunk frame spends besides its payload: the type byte and the request id. */
    public static final int STREAM_CHUNK_OVERHEAD_BYTES = 1 + Long.BYTES;

    /** Validates every setting, naming the offending one. */
    public TransportConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (advertisedHost != null && advertisedHost.isBlank()) {
            throw new IllegalArgumentException("advertisedHost must not be blank (leave it null to use bindHost)");
        }
        if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be between " + MIN_FRAME_BYTES + " and "
                    + MAX_FRAME_BYTES + ", got " + maxFrameBytes);
        }
        int largestChunk = maxFrameBytes - STREAM_CHUNK_OVERHEAD_BYTES;
        if (streamChunkBytes < MIN_STREAM_CHUNK_BYTES || streamChunkBytes > largestChunk) {
            throw new IllegalArgumentException("streamChunkBytes must be between " + MIN_STREAM_CHUNK_BYTES
                    + " and maxFrameBytes - " + STREAM_CHUNK_OVERHEAD_BYTES + " = " + largestChunk + ", got "
                    + streamChunkBytes);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
        if (authenticationRequired && secret == null) {
            throw new IllegalArgumentException("authentication is required but no shared secret is configured: "
                    + "set secret(...) (sluice.auth.secret), or authenticationRequired(false) for tests and "
                    + "trusted networks only");
        }
    }

    /** A builder with every default filled in; a secret (or opting out of authentication) is still needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether connections run the challenge-response handshake. */
    public boolean authenticationEnabled() {
        return secret != null;
    }

    /** Whether connections are encrypted with TLS. */
    public boolean tlsEnabled() {
        return tls != null;
    }

    /** The host peers should dial: the advertised host if set, the bind host otherwise. */
    public String hostToAdvertise() {
        return advertisedHost != null ? advertisedHost : bindHost;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }

    /** Mutable builder of a {@link TransportConfig}; {@link #build()} validates. */
    public static final class Builder {
        private String bindHost = DEFAULT_BIND_HOST;
        private int port;
        private String advertisedHost;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int streamChunkBytes = DEFAULT_STREAM_CHUNK_BYTES;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(120);
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private SharedSecret secret;
        private boolean authenticationRequired = true;
        private TlsConfig tls;

        private Builder() {
        }

        private Builder(TransportConfig config) {
            bindHost = config.bindHost;
            port = config.port;
            advertisedHost = config.advertisedHost;
            maxFrameBytes = config.maxFrameBytes;
            streamChunkBytes = config.streamChunkBytes;
            connectTimeout = config.connectTimeout;
            handshakeTimeout = config.handshakeTimeout;
            requestTimeout = config.requestTimeout;
            ioThreads = config.ioThreads;
            secret = config.secret;
            authenticationRequired = config.authenticationRequired;
            tls = config.tls;
        }

        /** See {@link TransportConfig#bindHost()}. */
        public Builder bindHost(String value) {
            bindHost = value;
            return this;
        }

        /** See {@link TransportConfig#port()}. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** See {@link TransportConfig#advertisedHost()}. */
        public Builder advertisedHost(String value) {
            advertisedHost = value;
            return this;
        }

        /** See {@link TransportConfig#maxFrameBytes()}. */
        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        /** See {@link TransportConfig#streamChunkBytes()}. */
        public Builder streamChunkBytes(int value) {
            streamChunkBytes = value;
            return this;
        }

        /** See {@link TransportConfig#connectTimeout()}. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** See {@link TransportConfig#handshakeTimeout()}. */
        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        /** See {@link TransportConfig#requestTimeout()}. */
        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        /** See {@link TransportConfig#ioThreads()}. */
        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        /** See {@link TransportConfig#secret()}; {@code null} removes it. */
        public Builder secret(SharedSecret value) {
            secret = value;
            return this;
        }

        /** See {@link TransportConfig#authenticationRequired()}; on by default. */
        public Builder authenticationRequired(boolean value) {
            authenticationRequired = value;
            return this;
        }

        /** See {@link TransportConfig#tls()}; {@code null} turns TLS off. */
        public Builder tls(TlsConfig value) {
            tls = value;
            return this;
        }

        /** The validated configuration. */
        public TransportConfig build() {
            return new TransportConfig(bindHost, port, advertisedHost, maxFrameBytes, streamChunkBytes,
                    connectTimeout, handshakeTimeout, requestTimeout, ioThreads, secret, authenticationRequired,
                    tls);
        }
    }
}
