package dev.sluice.notebook.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every notebook in {@code notebooks/} top to bottom through a fresh kernel process, as
 * Jupyter would, and fails on the first cell that errs, naming the notebook, the cell and the error.
 */
class NotebooksTest {
    private static final Duration CELL_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** The notebooks shipped in the module's directory, which is the tests' working directory. */
    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(""))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutErrors() throws IOException {
        List<Path> notebooks = notebooks();
        assertThat(notebooks).as("notebooks in " + Path.of("").toAbsolutePath()).isNotEmpty();
        return notebooks.stream().map(notebook -> DynamicTest.dynamicTest(notebook.getFileName().toString(), () -> run(notebook)));
    }

    private void run(Path notebook) throws Exception {
        JsonObject json = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            int cellNumber = 0;
            for (JsonElement element : json.getAsJsonArray("cells")) {
                cellNumber++;
                JsonObject cell = element.getAsJsonObject();
                if (!cell.get("cell_type").getAsString().equals("code")) {
                    continue;
                }
                String source = cell.getAsJsonArray("source").asList().stream().map(JsonElement::getAsString)
                        .collect(Collectors.joining());
                KernelProcess.CellRun run = kernel.execute(source, CELL_TIMEOUT);
                if (!run.status().equals("ok")) {
                    throw new AssertionError(notebook.getFileName() + ", cell " + cellNumber + " failed: "
                            + (run.error() == null ? run.describe()
                            : run.error().get("evalue").getAsString() + "\n" + String.join("\n",
                            run.error().getAsJsonArray("traceback").asList().stream().map(JsonElement::getAsString).toList()))
                            + "\n--- cell source ---\n" + source);
                }
            }
        }
    }
}
