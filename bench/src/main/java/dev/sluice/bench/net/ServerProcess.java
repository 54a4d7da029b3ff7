package dev.sluice.bench.net;

import dev.sluice.common.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running {@link BlockServerProcess} JVM, started with this JVM's java executable and class path. Its standard
 * error is copied to ours, line by line and marked as the server's. Closing it closes the server's standard input,
 * which makes it shut down, and kills it if it has not exited a few seconds later.
 */
final class ServerProcess implements AutoCloseable {

    /** Queued after the server's last output line; compared by identity, so no line can pass for it. */
    private static final String END = new String("end of output");
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<Thread> pumps = new ArrayList<>();
    private long bytesWritten = -1;
    private long blocksWritten = -1;
    private int port = -1;

    private ServerProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), "stdout", output::add, () -> output.add(END)));
        pumps.add(pump(process.getErrorStream(), "stderr", line -> System.err.println("[block server] " + line),
                () -> { }));
    }

    /**
     * Starts a server process writing {@code maps x reduces} blocks of {@code blockBytes} bytes under
     * {@code directory} and waits until it listens.
     *
     * @param jvmOptions the server JVM's options
     * @param keyStore the PKCS12 key store for TLS, or {@code null} for plaintext
     * @param environment variables added to the server's environment (the secrets)
     * @param timeout how long writing the map outputs and starting to listen may take
     * @param started told about the process as soon as it runs, before it listens
     * @throws IOException if the process cannot start, fails or does not listen within {@code timeout}; it is
     *     stopped then
     */
    static ServerProcess start(List<String> jvmOptions, Path directory, int maps, int reduces, int blockBytes,
                               Path keyStore, Map<String, String> environment, Duration timeout,
                               Consumer<ServerProcess> started)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        Optional.ofNullable(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"))
                .ifPresent(level -> command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BlockServerProcess.class.getName());
        command.addAll(List.of(directory.toString(), Integer.toString(maps), Integer.toString(reduces),
                Integer.toString(blockBytes)));
        if (keyStore != null) {
            command.add(keyStore.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start());
        try {
            started.accept(server);
            server.awaitListening(timeout);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** The bytes of map outputs the server committed. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** The blocks the server committed. */
    long blocksWritten() {
        return blocksWritten;
    }

    /** The server JVM's process id. */
    long pid() {
        return process.pid();
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (port < 0) {
            String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException("the block server process " + process.pid() + " did not listen within "
                        + timeout.toSeconds() + " s");
            }
            if (line == END) {
                throw new IOException("the block server process " + process.pid() + " ended before listening"
                        + (process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                        ? ", with exit status " + process.exitValue() : "") + " (its errors are above)");
            }
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].equals("WROTE")) {
                bytesWritten = Long.parseLong(words[1]);
                blocksWritten = Long.parseLong(words[2]);
            } else if (words.length == 2 && words[0].equals("PORT")) {
                port = Integer.parseInt(words[1]);
            } else {
                System.err.println("[block server] " + line);
            }
        }
        if (bytesWritten < 0) {
            throw new IOException("the block server process listens but did not say what it wrote");
        }
    }

    /** Closes the server's standard input and waits for it to exit, killing it if it does not; idempotent. */
    @Override
    public void close() {
        boolean interrupted = false;
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe is already broken: the process is gone or going
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        for (Thread pump : pumps) {
            try {
                pump.join(1_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server at once, without waiting for its pipes: for shutdown hooks, where time is short. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A daemon thread passing each line of {@code stream} to {@code sink}, then running {@code atEnd}. */
    private Thread pump(InputStream stream, String name, Consumer<String> sink, Runnable atEnd) {
        Thread thread = DaemonThreads.named("block-server-" + process.pid() + "-" + name).newThread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            } finally {
                atEnd.run();
            }
        });
        thread.start();
        return thread;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
