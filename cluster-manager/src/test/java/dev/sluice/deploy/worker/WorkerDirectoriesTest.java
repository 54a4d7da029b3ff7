package dev.sluice.deploy.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerDirectoriesTest {
    private static final Path WORK = Path.of("/srv/sluice/work");

    @Test
    void withoutLocalDirectoriesExecutorsKeepTheirFilesInTheirWorkDirectory() {
        WorkerDirectories dirs = WorkerDirectories.of(SluiceConfig.defaults(), WORK);

        assertThat(dirs.executorWorkDir("app-1", "3")).isEqualTo(WORK.resolve("app-1/3"));
        assertThat(dirs.executorLocalDirs("app-1", "3")).containsExactly(WORK.resolve("app-1/3"));
        assertThat(dirs.applicationLocalDirs("app-1")).isEmpty();
    }

    @Test
    void theWorkersLocalDirectoriesGetADirectoryPerApplicationAndExecutor() {
        SluiceConfig config = SluiceConfig.of(Map.of("sluice.local.dir", "/disk1/sluice , /disk2/sluice"));
        WorkerDirectories dirs = WorkerDirectories.of(config, WORK);

        assertThat(dirs.executorWorkDir("app-1", "3")).isEqualTo(WORK.resolve("app-1/3"));
        assertThat(dirs.executorLocalDirs("app-1", "3"))
                .containsExactly(Path.of("/disk1/sluice/app-1/3"), Path.of("/disk2/sluice/app-1/3"));
        assertThat(dirs.applicationLocalDirs("app-1"))
                .containsExactly(Path.of("/disk1/sluice/app-1"), Path.of("/disk2/sluice/app-1"));
    }
}
