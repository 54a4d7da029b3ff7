package dev.sluice.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Executes every notebook through real Jupyter ({@code jupyter nbconvert --execute}) with the
 * packaged kernel jar, installed by its own {@code install --prefix} into a temporary Jupyter
 * data directory. Skipped when Jupyter is absent, unless {@code SLUICE_REQUIRE_JUPYTER} is set
 * (as {@code .ci/run} sets it), where its absence is a failure.
 */
class JupyterNbconvertIT {
    private static final String INSTALL_HINT = "jupyter nbconvert is not installed; on Debian or Ubuntu: "
            + "sudo apt-get install jupyter-nbconvert python3-nbclient (elsewhere: pip install nbconvert nbclient)";

    @TempDir
    Path dir;

    @Test
    void everyNotebookExecutesThroughJupyterWithoutErrors() throws Exception {
        requireJupyter();
        Path jar = Path.of(System.getProperty("sluice.kernel.jar", "target/sluice-kernel.jar"));
        assertThat(jar).as("the kernel jar (built by mvn package)").isRegularFile();
        Path prefix = dir.resolve("jupyter");
        run(List.of(java(), "-jar", jar.toString(), "install", "--prefix", prefix.toString()), dir.resolve("install.log"), prefix);

        List<String> notebooks;
        try (Stream<Path> files = Files.list(Path.of(""))) {
            notebooks = files.map(Path::toString).filter(name -> name.endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        Path out = dir.resolve("executed");
        List<String> command = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=sluice-java", "--ExecutePreprocessor.timeout=300",
                "--output-dir", out.toString()));
        command.addAll(notebooks);
        run(command, dir.resolve("nbconvert.log"), prefix);

        for (String notebook : notebooks) {
            JsonObject executed = JsonParser.parseString(Files.readString(out.resolve(notebook))).getAsJsonObject();
            int number = 0;
            for (JsonElement element : executed.getAsJsonArray("cells")) {
                number++;
                JsonObject cell = element.getAsJsonObject();
                if (!cell.get("cell_type").getAsString().equals("code")) {
                    continue;
                }
                assertThat(cell.get("execution_count").isJsonNull()).as(notebook + " cell " + number + " ran").isFalse();
                for (JsonElement output : cell.getAsJsonArray("outputs")) {
                    assertThat(output.getAsJsonObject().get("output_type").getAsString())
                            .as(notebook + " cell " + number + ": " + output).isNotEqualTo("error");
                }
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void requireJupyter() throws InterruptedException {
        boolean present;
        try {
            Process probe = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && System.getenv("SLUICE_REQUIRE_JUPYTER") != null) {
            throw new AssertionError(INSTALL_HINT + " (SLUICE_REQUIRE_JUPYTER is set, so this is a failure)");
        }
        Assumptions.assumeTrue(present, INSTALL_HINT);
    }

    private static void run(List<String> command, Path log, Path jupyterPrefix) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JUPYTER_PATH", jupyterPrefix.resolve("share/jupyter").toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in 15 minutes:\n" + Files.readString(log));
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + Files.readString(log)).isZero();
    }
}
