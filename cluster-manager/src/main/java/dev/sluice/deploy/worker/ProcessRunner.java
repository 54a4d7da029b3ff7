package dev.sluice.deploy.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * One child process of a worker (an executor or a driver): started in its own directory with its output in
 * {@code stdout} and {@code stderr} there, reported once when it exits, and stopped politely, then forcibly.
 */
final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final String name;
    private final Process process;
    private volatile boolean killed;

    private ProcessRunner(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code command} in {@code dir}; {@code onExit} gets its exit code once it ends.
     *
     * @throws IOException if the process cannot start
     */
    static ProcessRunner start(String name, List<String> command, Map<String, String> environment, Path dir,
                               IntConsumer onExit) throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().putAll(environment);
        ProcessRunner runner = new ProcessRunner(name, builder.start());
        runner.process.onExit().thenAccept(exited -> onExit.accept(exited.exitValue()));
        LOG.info("Started {} (pid {}) in {}", name, runner.process.pid(), dir);
        return runner;
    }

    /** Whether {@link #kill()} was called. */
    boolean killed() {
        return killed;
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
    void kill() {
        killed = true;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} (pid {}) did not stop; killing it", name, process.pid());
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
