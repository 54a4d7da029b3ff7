package dev.sluice.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bin/sluice notebook install}, the documented way to make Jupyter offer the kernel. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "sluice");

    @TempDir
    Path dir;

    private record Result(int exitCode, String output) {
    }

    private Result launch(String... args) throws Exception {
        Path log = dir.resolve("launcher.log");
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), Files.readString(log));
    }

    @Test
    void notebookInstallWritesTheKernelSpecUnderThePrefix() throws Exception {
        Result result = launch("notebook", "install", "--prefix", dir.resolve("jupyter").toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        Path kernelDir = dir.resolve("jupyter/share/jupyter/kernels/sluice-java");
        assertThat(kernelDir.resolve("kernel.json")).content().contains("\"display_name\": \"Java (Sluice)\"")
                .contains(kernelDir.resolve("sluice-kernel.jar").toAbsolutePath().toString());
        assertThat(kernelDir.resolve("sluice-kernel.jar")).isRegularFile();
    }

    @Test
    void anUnknownCommandIsNamedWithTheUsage() throws Exception {
        Result result = launch("notbook");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown command 'notbook'").contains("Usage: sluice COMMAND");
    }
}
