package dev.sluice.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers of the local-cluster tests: finding executor processes, gates tasks wait on, condition waits. */
final class ClusterFaults {
    private ClusterFaults() {
    }

    /** The live executor processes started by this JVM, oldest first. */
    static List<ProcessHandle> executors() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("dev.sluice.executor.cluster.ExecutorMain"))
                .filter(ProcessHandle::isAlive)
                .sorted(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.EPOCH)))
                .toList();
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** A counter's total over every executor's tag. */
    static double counterSum(io.micrometer.core.instrument.MeterRegistry registry, String name) {
        return registry.find(name).functionCounters().stream()
                .mapToDouble(io.micrometer.core.instrument.FunctionCounter::count).sum();
    }

    /** Sends a signal (STOP, CONT, KILL) to a process. */
    static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /**
     * A file-backed flag shared by the test and tasks in other JVMs: tasks wait for it to open (bounded), the
     * test opens it, and tasks mark that they arrived.
     */
    record Gate(String path) implements java.io.Serializable {
        static Gate in(Path dir) {
            try {
                return new Gate(Files.createDirectories(dir).toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private Path dir() {
            return Path.of(path);
        }

        /** Called by a task: notes its arrival, then waits (at most 60 s) until the gate opens. */
        void pass(String who) {
            try {
                Files.writeString(Files.createTempFile(dir(), "arrived-", ""), who, StandardCharsets.UTF_8);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!Files.exists(dir().resolve("open")) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        long arrivals() {
            try (Stream<Path> files = Files.list(dir())) {
                return files.filter(p -> p.getFileName().toString().startsWith("arrived-")).count();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void open() throws IOException {
            Files.createFile(dir().resolve("open"));
        }
    }
}
