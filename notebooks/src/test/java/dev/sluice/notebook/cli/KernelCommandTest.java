package dev.sluice.notebook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

class KernelCommandTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KernelCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Result result = run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("install").contains("run");
    }

    @Test
    void aWrongFlagIsNamedWithTheUsage() {
        Result result = run("install", "--prefx", "/tmp/x");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown options: '--prefx'").contains("Possible solutions: --prefix");
    }

    @Test
    void userAndPrefixExcludeEachOther() {
        Result result = run("install", "--user", "--prefix", dir.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("mutually exclusive");
    }

    @Test
    void noSubcommandSaysWhatToDo() {
        Result result = run();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("say what to do: install or run");
    }

    @Test
    void installUnderAPrefixWritesTheSpecThere() throws Exception {
        Result result = run("install", "--prefix", dir.toString(), "--name", "sluice-test", "--jvm-option", "-Xmx1g");
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path spec = dir.resolve("share/jupyter/kernels/sluice-test/kernel.json");
        assertThat(JsonParser.parseString(Files.readString(spec)).getAsJsonObject().getAsJsonArray("argv").toString())
                .contains("-Xmx1g").contains("{connection_file}");
    }

    @Test
    void runWithAMissingConnectionFileFails() {
        Result result = run("run", dir.resolve("missing.json").toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("connection file").contains("missing.json").contains("does not exist")
                .doesNotContain("Exception");
    }
}
