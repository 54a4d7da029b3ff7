package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(Settings.environmentName("sluice.worker.cores")).isEqualTo("SLUICE_WORKER_CORES");
        assertThat(Settings.environmentName("sluice.auth.secretFile")).isEqualTo("SLUICE_AUTH_SECRET_FILE");
        assertThat(Settings.environmentName("sluice.master.webui.port")).isEqualTo("SLUICE_MASTER_WEBUI_PORT");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFile() throws Exception {
        Path file = dir.resolve("defaults.conf");
        Files.writeString(file, "sluice.worker.cores 3\nsluice.worker.memory=2g\nsluice.task.maxFailures 5\n");

        SluiceConfig config = Settings.load(file, Map.of("SLUICE_WORKER_CORES", "6", "SLUICE_TASK_MAX_FAILURES", "7",
                "UNRELATED", "x"), Map.of("sluice.task.maxFailures", "9"));

        assertThat(config.get(ConfigKeys.WORKER_CORES)).isEqualTo(6);
        assertThat(config.get(ConfigKeys.WORKER_MEMORY)).isEqualTo(2L << 30);
        assertThat(config.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(9);
    }

    @Test
    void badSettingsNameTheProblem() {
        assertThatThrownBy(() -> Settings.parseConf("sluice.task.maxFailures"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected KEY=VALUE");
        assertThatThrownBy(() -> Settings.parseConf("sluice.tsak.maxFailures=3"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.tsak.maxFailures");
        assertThatThrownBy(() -> Settings.load(dir.resolve("missing.conf"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.conf");
        assertThatThrownBy(() -> Settings.load(null, Map.of("SLUICE_WORKER_CORES", "many"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.worker.cores");
    }
}
