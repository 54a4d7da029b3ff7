package dev.sluice.notebook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class KernelSpecInstallerTest {
    @TempDir
    Path dir;

    private static List<String> argv(Path kernelDir) throws Exception {
        JsonObject spec = JsonParser.parseString(Files.readString(kernelDir.resolve("kernel.json"))).getAsJsonObject();
        assertThat(spec.get("display_name").getAsString()).isEqualTo("Java (Sluice)");
        assertThat(spec.get("language").getAsString()).isEqualTo("java");
        assertThat(spec.get("interrupt_mode").getAsString()).isEqualTo("message");
        return spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
    }

    @Test
    void aKernelJarIsCopiedBesideTheSpecWhichRunsIt() throws Exception {
        Files.createDirectories(dir.resolve("built"));
        Path jar = Files.writeString(dir.resolve("built/sluice-kernel-1.jar"), "jar bytes");
        Path dataDir = dir.resolve("share/jupyter");
        KernelSpecInstaller installer = new KernelSpecInstaller(Path.of("/opt/jdk/bin/java"), List.of("-Xmx2g"), jar.toString());

        Path kernelDir = installer.install(dataDir, "sluice-java", "Java (Sluice)");

        assertThat(kernelDir).isEqualTo(dataDir.resolve("kernels/sluice-java"));
        Path copied = kernelDir.resolve("sluice-kernel.jar");
        assertThat(copied).hasContent("jar bytes");
        assertThat(argv(kernelDir)).containsExactly("/opt/jdk/bin/java", "-Djava.awt.headless=true", "-Xmx2g",
                "-jar", copied.toAbsolutePath().toString(), "run", "{connection_file}");
        assertThat(kernelDir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void classDirectoriesAreNamedAsAClassPath() throws Exception {
        String classPath = dir.resolve("classes") + java.io.File.pathSeparator + dir.resolve("lib.jar");
        KernelSpecInstaller installer = new KernelSpecInstaller(Path.of("java"), List.of(), classPath);

        Path kernelDir = installer.install(dir, "sluice-dev", "Java (Sluice)");

        assertThat(argv(kernelDir)).containsExactly("java", "-Djava.awt.headless=true", "-cp", classPath,
                KernelCommand.class.getName(), "run", "{connection_file}");
        assertThat(kernelDir.resolve("sluice-kernel.jar")).doesNotExist();
    }

    @Test
    void installingAgainReplacesTheSpec() throws Exception {
        KernelSpecInstaller first = new KernelSpecInstaller(Path.of("java-old"), List.of(), "a:b");
        KernelSpecInstaller second = new KernelSpecInstaller(Path.of("java-new"), List.of(), "a:b");
        first.install(dir, "k", "Java (Sluice)");
        Path kernelDir = second.install(dir, "k", "Java (Sluice)");
        assertThat(argv(kernelDir).get(0)).isEqualTo("java-new");
    }

    @Test
    void anUnwritableDataDirectoryFailsWithThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        KernelSpecInstaller installer = new KernelSpecInstaller(Path.of("java"), List.of(), "a:b");
        assertThatThrownBy(() -> installer.install(file, "k", "Java (Sluice)"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write the kernel spec under " + file.resolve("kernels/k"));
    }

    @Test
    void theUserDataDirectoryFollowsJupytersRules() {
        Path home = Path.of("/home/ada");
        assertThat(KernelSpecInstaller.userDataDir(Map.of("JUPYTER_DATA_DIR", "/data/jupyter"), "Linux", home))
                .isEqualTo(Path.of("/data/jupyter"));
        assertThat(KernelSpecInstaller.userDataDir(Map.of(), "Linux", home)).isEqualTo(home.resolve(".local/share/jupyter"));
        assertThat(KernelSpecInstaller.userDataDir(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home)).isEqualTo(Path.of("/xdg/jupyter"));
        assertThat(KernelSpecInstaller.userDataDir(Map.of(), "Mac OS X", home)).isEqualTo(home.resolve("Library/Jupyter"));
        assertThat(KernelSpecInstaller.userDataDir(Map.of("APPDATA", "C:/Users/ada/AppData/Roaming"), "Windows 11", home))
                .isEqualTo(Path.of("C:/Users/ada/AppData/Roaming", "jupyter"));
        assertThat(KernelSpecInstaller.prefixDataDir(Path.of("/venv"))).isEqualTo(Path.of("/venv/share/jupyter"));
    }
}
