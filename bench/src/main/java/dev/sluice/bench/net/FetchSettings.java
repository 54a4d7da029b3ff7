package dev.sluice.bench.net;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one {@link FetchThroughput} run measures: {@code maps} map outputs of {@code reduces} blocks of
 * {@code blockBytes} bytes each, fetched whole {@code warmupRounds + rounds} times per mode.
 *
 * @param maps map outputs written by the server process
 * @param reduces reduce partitions (blocks) in each map output
 * @param blockBytes bytes of every block
 * @param warmupRounds rounds run and printed before the measured ones, not counted in the median
 * @param rounds measured rounds
 * @param modes the modes to measure, in order; each gets its own server process and client factory
 * @param perReduce whether a round is one fetch per reduce partition (the blocks of that partition from every map
 *     output, as a reduce task asks for them) instead of one fetch of every block
 * @param serverJvmOptions the JVM options of the server process
 * @param workDirectory where the temporary directory holding the map outputs and key stores is made
 */
public record FetchSettings(int maps, int reduces, int blockBytes, int warmupRounds, int rounds,
                            List<Encryption> modes, boolean perReduce, List<String> serverJvmOptions,
                            Path workDirectory) {

    /** The usage line of the command-line options {@link #parse} accepts. */
    public static final String USAGE = "[--maps N] [--reduces N] [--block-size BYTES|Nk|Nm] [--warmup N] [--rounds N]"
            + " [--modes plain,tls] [--per-reduce] [--server-jvm-opts 'OPTS'] [--dir DIR]";

    /** Checks every setting and copies the lists. */
    public FetchSettings {
        requireAtLeast(maps, 1, "maps");
        requireAtLeast(reduces, 1, "reduces");
        requireAtLeast(blockBytes, 1, "block size");
        requireAtLeast(warmupRounds, 0, "warm-up rounds");
        requireAtLeast(rounds, 1, "rounds");
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("at least one mode (plain, tls) is needed");
        }
        serverJvmOptions = List.copyOf(serverJvmOptions);
        Objects.requireNonNull(workDirectory, "workDirectory");
    }

    /**
     * The defaults: 8 map outputs x 64 blocks of 1 MiB (512 MiB), 8 warm-up and 10 measured rounds, plain then TLS,
     * one fetch of every block per round, the server JVM with this JVM's {@code -X} options, in
     * {@code java.io.tmpdir}. On two cores the JIT compilers are still busy for the first five or six rounds.
     */
    public static FetchSettings defaults() {
        return new FetchSettings(8, 64, 1 << 20, 8, 10, List.of(Encryption.PLAIN, Encryption.TLS), false,
                inheritedJvmOptions(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The total bytes of the map outputs. */
    public long totalBytes() {
        return Math.multiplyExact((long) maps * reduces, blockBytes);
    }

    /** These settings measuring only {@code newModes}. */
    public FetchSettings withModes(List<Encryption> newModes) {
        return new FetchSettings(maps, reduces, blockBytes, warmupRounds, rounds, newModes, perReduce,
                serverJvmOptions, workDirectory);
    }

    /**
     * The {@link #defaults()} changed by the options in {@code args} (see {@link #USAGE}).
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks a value or has a bad one
     */
    public static FetchSettings parse(String... args) {
        FetchSettings d = defaults();
        int maps = d.maps;
        int reduces = d.reduces;
        int blockBytes = d.blockBytes;
        int warmup = d.warmupRounds;
        int rounds = d.rounds;
        List<Encryption> modes = d.modes;
        boolean perReduce = d.perReduce;
        List<String> jvmOptions = d.serverJvmOptions;
        Path dir = d.workDirectory;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--per-reduce")) {
                perReduce = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                        : "unexpected argument '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--maps" -> maps = integer(option, value);
                case "--reduces" -> reduces = integer(option, value);
                case "--block-size" -> blockBytes = size(option, value);
                case "--warmup" -> warmup = integer(option, value);
                case "--rounds" -> rounds = integer(option, value);
                case "--modes" -> {
                    modes = new ArrayList<>();
                    for (String label : value.split(",")) {
                        modes.add(Encryption.of(label));
                    }
                }
                case "--server-jvm-opts" -> jvmOptions = value.isBlank() ? List.of()
                        : Arrays.asList(value.trim().split("\\s+"));
                case "--dir" -> dir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new FetchSettings(maps, reduces, blockBytes, warmup, rounds, modes, perReduce, jvmOptions, dir);
    }

    /** This JVM's heap, stack and {@code -XX} options, which the server JVM gets by default. */
    static List<String> inheritedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-Xm") || option.startsWith("-Xss") || option.startsWith("-XX:"))
                .toList();
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }

    /** A byte count, optionally with a {@code k} or {@code m} suffix (KiB, MiB). */
    private static int size(String option, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        int shift = text.endsWith("k") ? 10 : text.endsWith("m") ? 20 : 0;
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        try {
            long count = Long.parseLong(digits);
            if (count > Integer.MAX_VALUE >> shift) {
                throw new ArithmeticException("too large");
            }
            return (int) (count << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + " needs a byte count such as 1048576, 64k or 1m (below 2 GiB),"
                    + " got '" + value + "'");
        }
    }

    private static void requireAtLeast(int value, int least, String name) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", got " + value);
        }
    }
}
