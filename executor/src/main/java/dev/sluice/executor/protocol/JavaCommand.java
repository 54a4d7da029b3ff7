package dev.sluice.executor.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a Sluice JVM started by another (an executor started by a driver or a worker, a driver
 * started by a worker): the same {@code java} as this one, the heap, the user's JVM options, and a throughput
 * collector unless those options choose one.
 */
public final class JavaCommand {
    private JavaCommand() {
    }

    /**
     * The command up to and including {@code mainClass}.
     *
     * @param javaOptions extra JVM options separated by spaces (may be empty)
     */
    public static List<String> of(long heapMiB, String javaOptions, String classPath, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx" + heapMiB + "m");
        List<String> options = new ArrayList<>();
        for (String option : javaOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        if (options.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            command.add("-XX:+UseParallelGC"); // throughput first, unless the user chose a collector
        }
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        return command;
    }
}
