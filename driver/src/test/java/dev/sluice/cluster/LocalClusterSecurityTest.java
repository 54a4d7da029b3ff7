package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Pair;
import dev.sluice.Sluice;
import dev.sluice.config.ConfigException;
import dev.sluice.network.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** local-cluster with a secret from a file and TLS on every connection, and the settings' errors. */
@Timeout(120)
class LocalClusterSecurityTest {

    @TempDir
    Path temp;

    @Test
    void aShuffleJobRunsOverTlsWithTheSecretReadFromAFile() throws Exception {
        TestCertificates certificates = TestCertificates.generate(temp, "cluster");
        Path secretFile = temp.resolve("secret");
        Files.writeString(secretFile, "a secret of more than sixteen bytes\n");
        try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,256]").appName("tls")
                .config("sluice.local.dir", temp.resolve("local").toString())
                .config("sluice.auth.secretFile", secretFile.toString())
                .config("sluice.ssl.enabled", "true")
                .config("sluice.ssl.keyStore", certificates.keyStore().toString())
                .config("sluice.ssl.keyStorePassword", TestCertificates.PASSWORD)
                .config("sluice.ssl.trustStore", certificates.trustStore().toString())
                .config("sluice.ssl.trustStorePassword", TestCertificates.PASSWORD)
                .create()) {
            Map<Long, Long> sums = sluice.range(0, 20_000, 4).mapToPair(x -> Pair.of(x % 13, x))
                    .reduceByKey(Long::sum, 3).collectAsMap();
            assertThat(sums).isEqualTo(LongStream.range(0, 20_000).boxed()
                    .collect(Collectors.groupingBy(x -> x % 13, Collectors.summingLong(x -> x))));
        }
    }

    @Test
    void misconfiguredSecurityFailsAtCreationNamingTheKey() {
        assertThatThrownBy(() -> Sluice.builder().master("local-cluster[1,1,256]")
                .config("sluice.auth.secret", "short").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.auth.secret").hasMessageContaining("16");
        assertThatThrownBy(() -> Sluice.builder().master("local-cluster[1,1,256]")
                .config("sluice.auth.secretFile", temp.resolve("missing").toString()).create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.auth.secretFile");
        assertThatThrownBy(() -> Sluice.builder().master("local-cluster[1,1,256]")
                .config("sluice.ssl.enabled", "true").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.ssl.keyStore");
        assertThatThrownBy(() -> Sluice.builder().master("local-cluster[2,1]").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("local-cluster[N,C,M]");
        assertThatThrownBy(() -> Sluice.builder().master("local-cluster[0,1,512]").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 1 executor");
        assertThat(ClusterFaults.executors()).isEmpty();
    }

    @Test
    void anExecutorJvmThatCannotStartFailsCreationWithWhatItPrinted() {
        assertThatThrownBy(() -> Sluice.builder().master("local-cluster[1,1,256]")
                .config("sluice.local.dir", temp.resolve("bad-options").toString())
                .config("sluice.executor.javaOptions", "-XX:+NoSuchJvmOption").create())
                .isInstanceOf(dev.sluice.SluiceException.class)
                .hasMessageContaining("exited with code 1 before it registered")
                .hasMessageContaining("NoSuchJvmOption");
        assertThat(ClusterFaults.executors()).isEmpty();
    }
}
