package dev.sluice.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checkout's {@code bin/sluice} where nothing was built (a copy of it in an empty directory, which has no
 * {@code lib/}, no {@code dist/target} and no kernel jar): one line saying what to run to build, and a non-zero exit,
 * not a Java error.
 */
class UnbuiltCheckoutIT {
    /** The launcher of the checkout this module is in. */
    private static final Path LAUNCHER = Path.of("..", "bin", "sluice");

    @TempDir
    Path checkout;

    @BeforeEach
    void copyTheLauncherAlone() throws Exception {
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(LAUNCHER, checkout.resolve("bin/sluice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"master", "worker sluice://127.0.0.1:7077", "status --master sluice://127.0.0.1:7077",
            "notebook install"})
    void printsOneLineOnHowToBuildAndFails(String arguments) throws Exception {
        Path log = checkout.resolve("launcher.log");
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("bin/sluice").toString()));
        command.addAll(List.of(arguments.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        List<String> output = Files.readAllLines(log);
        assertThat(process.exitValue()).as("exit code; output: %s", output).isEqualTo(1);
        assertThat(output).singleElement().asString().startsWith("sluice: ")
                .endsWith("build it first with: mvn -DskipTests package");
    }
}
