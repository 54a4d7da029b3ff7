package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Sluice;
import dev.sluice.function.SerializableFunction;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes that only the driver's class loader has (compiled at run time here; defined in notebook cells or by an
 * IDE elsewhere) reach the executors, which ask the driver for their class files.
 */
@Timeout(120)
class DriverOnlyClassesTest {

    @TempDir
    Path dir;

    @Test
    void aFunctionWhoseClassOnlyTheDriverHasRunsOnTheExecutors() throws Exception {
        Path source = dir.resolve("src/dyn/Tripler.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package dyn;
                public final class Tripler implements dev.sluice.function.SerializableFunction<Long, Long> {
                    @Override
                    public Long apply(Long x) {
                        return x * 3;
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(compiled).isZero();

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader driverOnly = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(driverOnly);
            try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,256]").appName("driver-classes")
                    .config("sluice.local.dir", dir.resolve("local").toString()).create()) {
                @SuppressWarnings("unchecked")
                SerializableFunction<Long, Long> tripler = (SerializableFunction<Long, Long>)
                        driverOnly.loadClass("dyn.Tripler").getConstructor().newInstance();

                assertThat(sluice.range(0, 100, 4).map(tripler).reduce(Long::sum)).isEqualTo(3 * 4_950L);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
