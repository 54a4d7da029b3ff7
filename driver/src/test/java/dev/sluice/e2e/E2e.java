package dev.sluice.e2e;

import dev.sluice.Sluice;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Shared helpers of the end-to-end suite: contexts, condition waits, multiset comparison, meters. */
final class E2e {
    private E2e() {
    }

    /**
     * The master the suite runs on: {@code local[2]} by default; the build runs the suite a second time on
     * {@code local-cluster[2,1,512]} by setting the system property {@code sluice.e2e.master}.
     */
    static final String MASTER = System.getProperty("sluice.e2e.master", "local[2]");

    /** Whether the suite runs with executors in their own JVMs. */
    static boolean onCluster() {
        return MASTER.startsWith("local-cluster");
    }

    /** A context on {@link #MASTER} (two task slots) with the given extra settings (key, value, key, value, ...). */
    static Sluice local2(String... settings) {
        Sluice.Builder builder = Sluice.builder().master(MASTER).appName("e2e");
        for (int i = 0; i < settings.length; i += 2) {
            builder.config(settings[i], settings[i + 1]);
        }
        return builder.create();
    }

    /** Waits until {@code condition} holds, polling, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /** Elements rendered with {@code String.valueOf} and sorted: a multiset that compares with equals. */
    static List<String> sortedStrings(Collection<?> items) {
        List<String> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(String.valueOf(o));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** A sorted copy, nulls first. */
    static <T extends Comparable<? super T>> List<T> sortedNullsFirst(Collection<T> items) {
        List<T> out = new ArrayList<>(items);
        out.sort(Comparator.nullsFirst(Comparator.<T>naturalOrder()));
        return out;
    }

    /** The count of a counter summed over its executors, or 0 when it is not registered. */
    static double counter(MeterRegistry registry, String name) {
        return registry.find(name).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    /** Live threads whose name starts with {@code prefix}. */
    static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }

    /** Every regular file and directory below {@code dir} (not {@code dir} itself). */
    static List<Path> contentsOf(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the entries directly inside {@code dir}, sorted. */
    static List<String> namesIn(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the {@code part-*} files of a saveAsTextFile output, in part-file order. */
    static List<String> readParts(Path dir) {
        List<String> lines = new ArrayList<>();
        for (String name : namesIn(dir)) {
            if (name.startsWith("part-")) {
                try {
                    lines.addAll(Files.readAllLines(dir.resolve(name)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(Objects.requireNonNull(file.getParent()));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 64-bit mix (SplitMix64's finalizer), so tests and tasks derive the same pseudo-random data from an index. */
    static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
