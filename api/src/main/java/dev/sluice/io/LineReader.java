package dev.sluice.io;

import dev.sluice.common.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the lines of a {@link FileSplit} with the semantics of Hadoop's {@code LineRecordReader},
 * so that the splits of a file together yield each of its lines exactly once.
 *
 * <ul>
 *   <li>A line belongs to the split containing its first byte. A split that does not start at
 *       offset 0 therefore discards the line in progress at {@code start - 1} (reading from there
 *       so that a line starting exactly at {@code start} is kept), and every split reads past its
 *       end to finish its last line.
 *   <li>Lines end at {@code "\n"} or {@code "\r\n"}; the terminator is not part of the line. A lone
 *       {@code '\r'} is ordinary content (old Mac OS line endings are not recognised). A final line
 *       without a terminator is returned; a terminator at the very end does not start an empty
 *       line.
 *   <li>Bytes are decoded as UTF-8, malformed sequences becoming U+FFFD. A UTF-8 byte order mark at
 *       the start of the file is dropped.
 *   <li>A gzip file ({@code .gz}) is decompressed as a whole; its split must start at 0.
 * </ul>
 */
public final class LineReader {

    private LineReader() {}

    /**
     * Opens {@code split} and returns its lines. The file is closed when the iterator is exhausted;
     * close the iterator to stop early.
     *
     * @throws UncheckedIOException if the file cannot be opened; later read failures are also
     *     thrown as {@code UncheckedIOException} by the iterator
     * @throws IllegalArgumentException for a gzip split that does not start at 0
     */
    public static CloseableIterator<String> lines(FileSplit split) {
        try {
            return new SplitLineIterator(split, SplitLineIterator.initialBufferSize(split));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read " + split.file() + " (split " + split + ")", e);
        }
    }
}
