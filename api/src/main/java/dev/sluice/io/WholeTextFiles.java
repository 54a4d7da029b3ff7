package dev.sluice.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads whole files as single records (Spark's {@code wholeTextFiles}): plans partitions of whole
 * files and reads a file into one string.
 */
public final class WholeTextFiles {

    private WholeTextFiles() {}

    /**
     * Resolves {@code path} as {@link TextInputPlanner#plan} does and groups the files, empty ones
     * included, into at most {@code max(1, minPartitions)} partitions of similar total size. The
     * partitions are consecutive runs of the resolved files, so their concatenation is the
     * resolution order; no partition is empty.
     *
     * @throws IllegalArgumentException if the path does not exist or a pattern matches no file
     * @throws UncheckedIOException if the file system cannot be read
     */
    public static List<List<Path>> plan(String path, int minPartitions) {
        List<InputFile> files = InputPaths.resolve(path);
        int partitions = Math.max(1, minPartitions);
        // A file weighs its size plus one byte, so that empty files are spread out too.
        double totalWeight = 0;
        for (InputFile file : files) {
            totalWeight += file.size() + 1;
        }
        // A file goes to the partition whose equal share of the total weight holds the file's
        // midpoint.
        List<List<Path>> groups = new ArrayList<>();
        int currentGroup = -1;
        double weightBefore = 0;
        for (InputFile file : files) {
            double weight = file.size() + 1;
            double midpoint = weightBefore + weight / 2;
            int group =
                    (int) Math.min(partitions - 1, (long) (midpoint / totalWeight * partitions));
            if (group != currentGroup) {
                groups.add(new ArrayList<>());
                currentGroup = group;
            }
            groups.get(groups.size() - 1).add(file.path());
            weightBefore += weight;
        }
        return groups;
    }

    /**
     * Reads {@code file} as UTF-8 (malformed sequences become U+FFFD), decompressing a {@code .gz}
     * file.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static String read(Path file) {
        try {
            if (!Gzip.isCompressed(file)) {
                return new String(Files.readAllBytes(file), UTF_8);
            }
            try (InputStream in = Gzip.open(file)) {
                return new String(in.readAllBytes(), UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
