package dev.sluice.network.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    private static final SharedSecret SECRET = SharedSecret.of(new byte[32]);

    @Test
    void defaultsBindToLoopbackOnAnEphemeralPortWithSixtyFourMebibyteFrames() {
        TransportConfig config = TransportConfig.builder().secret(SECRET).build();

        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.hostToAdvertise()).isEqualTo("127.0.0.1");
        assertThat(config.maxFrameBytes()).isEqualTo(64 << 20);
        assertThat(config.streamChunkBytes()).isEqualTo(512 << 10);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.authenticationEnabled()).isTrue();
        assertThat(config.tlsEnabled()).isFalse();
    }

    @Test
    void refusesToRunWithoutASecretUnlessTold() {
        assertThatThrownBy(() -> TransportConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no shared secret is configured")
                .hasMessageContaining("authenticationRequired(false)");

        TransportConfig insecure = TransportConfig.builder().authenticationRequired(false).build();
        assertThat(insecure.authenticationEnabled()).isFalse();
    }

    @Test
    void validationNamesTheSettingAndTheValue() {
        TransportConfig valid = TransportConfig.builder().secret(SECRET).build();

        assertThatThrownBy(() -> valid.toBuilder().port(70_000).build()).hasMessageContaining("port")
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> valid.toBuilder().maxFrameBytes(100).build()).hasMessageContaining("maxFrameBytes")
                .hasMessageContaining("100");
        assertThatThrownBy(() -> valid.toBuilder().maxFrameBytes(1 << 20).streamChunkBytes(1 << 20).build())
                .hasMessageContaining("streamChunkBytes");
        assertThatThrownBy(() -> valid.toBuilder().requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> valid.toBuilder().ioThreads(0).build()).hasMessageContaining("ioThreads");
        assertThatThrownBy(() -> valid.toBuilder().bindHost(" ").build()).hasMessageContaining("bindHost");
        assertThatThrownBy(() -> valid.toBuilder().advertisedHost("").build()).hasMessageContaining("advertisedHost");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        TransportConfig config = TransportConfig.builder().secret(SECRET).bindHost("0.0.0.0").port(7077)
                .advertisedHost("node-1").maxFrameBytes(1 << 20).streamChunkBytes(64 << 10)
                .connectTimeout(Duration.ofSeconds(3)).handshakeTimeout(Duration.ofSeconds(4))
                .requestTimeout(Duration.ofSeconds(5)).ioThreads(3).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.hostToAdvertise()).isEqualTo("node-1");
    }

    @Test
    void sharedSecretKeepsItsOwnCopyAndNeverShowsIt() {
        byte[] bytes = "a-secret-of-enough-bytes".getBytes(StandardCharsets.UTF_8);
        SharedSecret secret = SharedSecret.of(bytes);
        byte[] before = secret.hmacSha256(new byte[] {1});
        bytes[0] = 'X';

        assertThat(secret.hmacSha256(new byte[] {1})).isEqualTo(before);
        assertThat(secret.toString()).doesNotContain("a-secret").contains("redacted");
        assertThat(SharedSecret.ofPassphrase("a-secret-of-enough-bytes".toCharArray()).hmacSha256(new byte[] {1}))
                .isEqualTo(SharedSecret.of("a-secret-of-enough-bytes".getBytes(StandardCharsets.UTF_8))
                        .hmacSha256(new byte[] {1}));
        assertThatThrownBy(() -> SharedSecret.of(new byte[5])).hasMessageContaining("at least 16 bytes, got 5");
    }

    @Test
    void tlsPasswordsAreCopiedAndRedacted() {
        char[] password = "store-password".toCharArray();
        TlsConfig tls = TlsConfig.of(Path.of("key.p12"), password, Path.of("trust.p12"), password);
        password[0] = 'X';

        assertThat(tls.keyStorePassword()).containsExactly("store-password".toCharArray());
        tls.keyStorePassword()[0] = 'Y';
        assertThat(tls.keyStorePassword()).containsExactly("store-password".toCharArray());
        assertThat(tls.toString()).doesNotContain("store-password");
        assertThat(tls.withVerifyHostname(false).verifyHostname()).isFalse();
        assertThatThrownBy(() -> TlsConfig.of(null, null, null, null)).hasMessageContaining("neither was given");
        assertThatThrownBy(() -> TlsConfig.of(Path.of("key.p12"), null, null, null))
                .hasMessageContaining("key.p12 needs a password");
    }
}
