package dev.sluice.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One partition of a text input: the byte range {@code [start, start + length)} of a file.
 *
 * <p>A line belongs to the split in which its first byte lies, so the lines of a split may extend
 * past {@link #end()}. A gzip file is never split: its single split covers the whole compressed
 * file.
 *
 * @param file the file to read
 * @param start offset of the first byte of the range
 * @param length number of bytes in the range
 */
public record FileSplit(Path file, long start, long length) {

    /** Validates the range. */
    public FileSplit {
        Objects.requireNonNull(file, "file");
        if (start < 0 || length < 0 || start + length < 0) {
            throw new IllegalArgumentException(
                    "Invalid split of " + file + ": start=" + start + ", length=" + length);
        }
    }

    /** Returns the offset just past the range, {@code start + length}. */
    public long end() {
        return start + length;
    }
}
