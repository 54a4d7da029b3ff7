package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Side effects of tasks that the test can observe wherever the tasks ran: in the test's JVM (local mode) or in
 * executor processes (local-cluster mode), which share the working directory. Under {@code target/e2e-shared/<name>},
 * each recorded entry is one file, created atomically, and each JVM that counts keeps its count in one
 * memory-mapped 8-byte file of its own, so counting per record stays cheap and concurrent tasks never lose an update.
 */
final class Shared {
    private static final Path ROOT = Path.of("target", "e2e-shared").toAbsolutePath();
    private static final java.util.Map<Path, Count> COUNTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** This JVM's count for one name, mirrored into its mapped file. */
    private static final class Count {
        private final java.nio.MappedByteBuffer mapped;
        private long value;

        Count(Path dir) {
            try {
                Files.createDirectories(dir);
                Path file = Files.createTempFile(dir, "count-", "");
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                    mapped = channel.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void add(long delta) {
            value += delta;
            mapped.putLong(0, value);
        }
    }

    private final Path dir;

    private Shared(String name) {
        this.dir = ROOT.resolve(name);
    }

    /** The shared record called {@code name} (test class and purpose, e.g. {@code Caching.calls}). */
    static Shared named(String name) {
        return new Shared(name);
    }

    /** Counts one (cheap: no file is created). */
    void increment() {
        Count count = COUNTS.get(dir);
        if (count == null) {
            count = uninterrupted(() -> COUNTS.computeIfAbsent(dir, Count::new));
        }
        count.add(1);
    }

    /**
     * Runs file work with the thread's interrupt flag cleared (file channels close themselves on an interrupt,
     * and tasks count in finally blocks of interrupted threads), then restores the flag.
     */
    private static <T> T uninterrupted(java.util.function.Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts one and returns the count over every JVM (reads the directory: not for per-record use). */
    int incrementAndGet() {
        increment();
        return get();
    }

    /** Adds an entry with this text. */
    void record(String text) {
        uninterrupted(() -> {
            try {
                Files.createDirectories(dir);
                Path file = Files.createTempFile(dir, "entry-", "");
                return Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The count over every JVM since the last {@link #clear()}, plus the number of recorded entries. */
    int get() {
        long entries = 0;
        for (Path file : files()) {
            if (file.getFileName().toString().startsWith("entry-")) {
                entries++;
            }
        }
        return Math.toIntExact(counted() - base() + entries);
    }

    /** The sum of every JVM's count file, ever. */
    private long counted() {
        long total = 0;
        for (Path file : files()) {
            if (file.getFileName().toString().startsWith("count-")) {
                total += readLong(file);
            }
        }
        return total;
    }

    private long base() {
        Path base = dir.resolve("base");
        return Files.exists(base) ? readLong(base) : 0;
    }

    private static long readLong(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length == Long.BYTES ? java.nio.ByteBuffer.wrap(bytes).getLong() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded entries' texts, in no particular order. */
    List<String> entries() {
        List<String> out = new ArrayList<>();
        for (Path file : files()) {
            if (file.getFileName().toString().startsWith("entry-")) {
                try {
                    out.add(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts counting from zero and removes every entry. Counts are not deleted (executors may still be writing
     * theirs): the current total becomes the base that {@link #get()} subtracts.
     */
    void clear() {
        uninterrupted(() -> {
            try {
                Files.createDirectories(dir);
                for (Path file : files()) {
                    if (file.getFileName().toString().startsWith("entry-")) {
                        Files.deleteIfExists(file);
                    }
                }
                Path temp = Files.createTempFile(dir, "base-", ".tmp");
                Files.write(temp, java.nio.ByteBuffer.allocate(Long.BYTES).putLong(counted()).array());
                return Files.move(temp, dir.resolve("base"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
