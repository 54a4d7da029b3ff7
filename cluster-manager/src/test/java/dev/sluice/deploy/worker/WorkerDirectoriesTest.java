package dev.sluice.deploy.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.SluiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void anEndedApplicationsDataIsDeletedButItsExecutorsLogsAreKept(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        Path local = dir.resolve("local");
        WorkerDirectories dirs = new WorkerDirectories(work, List.of(local));
        Path executor = Files.createDirectories(dirs.executorWorkDir("app-1", "0"));
        Files.writeString(executor.resolve("stdout"), "out");
        Files.writeString(executor.resolve("stderr"), "err");
        Files.writeString(Files.createDirectories(executor.resolve("jars")).resolve("app.jar"), "jar");
        Path shuffle = Files.createDirectories(dirs.executorLocalDirs("app-1", "0").get(0)).resolve("shuffle_0_0.data");
        Files.writeString(shuffle, "data");
        Path other = Files.createDirectories(dirs.executorWorkDir("app-2", "0")).resolve("keep.txt");
        Files.writeString(other, "other application");

        dirs.deleteApplicationData("app-1");

        assertThat(executor.resolve("stdout")).hasContent("out");
        assertThat(executor.resolve("stderr")).hasContent("err");
        assertThat(executor.resolve("jars")).doesNotExist();
        assertThat(local.resolve("app-1")).doesNotExist();
        assertThat(other).hasContent("other application");
    }
}
