package dev.sluice.io;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text input into {@link FileSplit}s, sized the way Hadoop's {@code FileInputFormat} sizes
 * them, for reading with {@link LineReader}.
 *
 * <p>An input path is a comma-separated list of entries (commas inside {@code {a,b}} do not
 * separate entries; whitespace around an entry is ignored), each resolved in order:
 *
 * <ul>
 *   <li>an existing file is read, even if its name starts with {@code _} or {@code .};
 *   <li>an existing directory contributes the regular files directly inside it whose names do not
 *       start with {@code _} or {@code .} ({@code _SUCCESS}, {@code .crc} files), sorted by name;
 *   <li>any other entry containing {@code * ? [ {} is a glob, matched one path segment at a time
 *       with the default file system's {@code glob:} syntax, e.g. <code>/data/&#42;/x.txt</code>.
 *       Matches are sorted, and a matched directory contributes its files as above. A wildcard
 *       does not match a name starting with {@code _} or {@code .} unless the segment's pattern
 *       starts with that character too. A segment never spans directories: {@code **} acts as
 *       {@code *}, and braces must not contain {@code /}.
 * </ul>
 *
 * <p>A path that exists as a whole is never split at commas. Resolved paths are absolute.
 */
public final class TextInputPlanner {

    /** How much larger than the split size a file's last split may be (Hadoop's SPLIT_SLOP). */
    private static final double SPLIT_SLOP = 1.1;

    private TextInputPlanner() {}

    /**
     * Plans the splits of the files denoted by {@code path}.
     *
     * <p>With {@code goalSize = totalBytes / max(1, minPartitions)}, every file is cut into ranges
     * of {@code max(1, min(goalSize, maxSplitBytes))} bytes, its last range being allowed up to 1.1
     * times that size. Empty files yield no split; gzip files ({@code .gz}) yield one split each.
     *
     * @param path a file, directory or glob, or a comma-separated list of them (see above)
     * @param minPartitions the desired minimum number of splits; values below 1 count as 1
     * @param maxSplitBytes the largest split to produce (a file system's block size in Hadoop)
     * @return the splits, file by file in resolution order, each file's splits in offset order
     * @throws IllegalArgumentException if the path does not exist, a pattern matches no file, or
     *     {@code maxSplitBytes} is not positive
     * @throws UncheckedIOException if the file system cannot be read
     */
    public static List<FileSplit> plan(String path, int minPartitions, long maxSplitBytes) {
        if (maxSplitBytes <= 0) {
            throw new IllegalArgumentException("maxSplitBytes must be positive: " + maxSplitBytes);
        }
        List<InputFile> files = InputPaths.resolve(path);
        long totalBytes = 0;
        for (InputFile file : files) {
            totalBytes += file.size();
        }
        long goalSize = totalBytes / Math.max(1, minPartitions);
        long splitSize = Math.max(1, Math.min(goalSize, maxSplitBytes));

        List<FileSplit> splits = new ArrayList<>();
        for (InputFile file : files) {
            addSplits(file.path(), file.size(), splitSize, splits);
        }
        return splits;
    }

    private static void addSplits(Path file, long size, long splitSize, List<FileSplit> splits) {
        if (size == 0) {
            return;
        }
        if (Gzip.isCompressed(file)) {
            splits.add(new FileSplit(file, 0, size));
            return;
        }
        long remaining = size;
        while ((double) remaining / splitSize > SPLIT_SLOP) {
            splits.add(new FileSplit(file, size - remaining, splitSize));
            remaining -= splitSize;
        }
        splits.add(new FileSplit(file, size - remaining, remaining));
    }
}
