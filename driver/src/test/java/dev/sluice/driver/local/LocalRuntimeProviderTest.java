package dev.sluice.driver.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Sluice;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Runtime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalRuntimeProviderTest {

    @TempDir
    Path temp;

    @Test
    void localIsOneThread() {
        assertThat(LocalRuntimeProvider.threads("local")).isEqualTo(1);
    }

    @Test
    void localWithACountIsThatManyThreads() {
        assertThat(LocalRuntimeProvider.threads("local[1]")).isEqualTo(1);
        assertThat(LocalRuntimeProvider.threads("local[3]")).isEqualTo(3);
        assertThat(LocalRuntimeProvider.threads("local[64]")).isEqualTo(64);
    }

    @Test
    void localStarIsOneThreadPerCore() {
        assertThat(LocalRuntimeProvider.threads("local[*]"))
                .isEqualTo(java.lang.Runtime.getRuntime().availableProcessors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local[x]", "local[]", "local[-1]", "local[2", "local2", "local[2]x", "local[ 2]", "local[1.5]",
            "local[**]", "LOCAL", "local-cluster[2,1,1024]", "yarn"})
    void malformedMasterIsRejectedNamingIt(String master) {
        assertThatThrownBy(() -> LocalRuntimeProvider.threads(master))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + master + "'")
                .hasMessageContaining("local[N]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local[0]", "local[00]", "local[99999999999]"})
    void aThreadCountThatIsNotAPositiveIntIsRejectedNamingTheMaster(String master) {
        assertThatThrownBy(() -> LocalRuntimeProvider.threads(master))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + master + "'");
    }

    @Test
    void acceptsLocalMastersOnly() {
        LocalRuntimeProvider provider = new LocalRuntimeProvider();

        assertThat(provider.accepts("local")).isTrue();
        assertThat(provider.accepts("local[4]")).isTrue();
        assertThat(provider.accepts("local[*]")).isTrue();
        assertThat(provider.accepts("sluice://host:7077")).isFalse();
        assertThat(provider.accepts("localhost")).isFalse();
        assertThat(provider.accepts("yarn")).isFalse();
    }

    @Test
    void createdRuntimeUsesTheMastersThreadCount() {
        SluiceConfig config = SluiceConfig.of(Map.of(ConfigKeys.MASTER.name(), "local[3]",
                ConfigKeys.LOCAL_DIR.name(), temp.toString(), ConfigKeys.MEMORY_MAX_BYTES.name(), "16m"));

        try (Runtime runtime = new LocalRuntimeProvider().create("provider-test", config, MeterRegistrySource.onDemand())) {
            assertThat(runtime.defaultParallelism()).isEqualTo(3);
        }
    }

    @Test
    void aMalformedMasterFailsWhenTheContextIsCreated() {
        assertThatThrownBy(() -> Sluice.builder().master("local[x]").create())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("local[x]");
        assertThatThrownBy(() -> Sluice.builder().master("local[0]").create())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("local[0]");
        assertThatThrownBy(() -> Sluice.builder().master("mesos://x").create())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mesos://x");
    }

    @Test
    void theContextFindsThisProviderThroughTheServiceLoader() {
        try (Sluice sluice = Sluice.builder().master("local[2]").config("sluice.local.dir", temp.toString()).create()) {
            assertThat(sluice.defaultParallelism()).isEqualTo(2);
            assertThat(sluice.range(0, 10).count()).isEqualTo(10);
        }
    }
}
