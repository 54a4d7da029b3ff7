package dev.sluice.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sluice.common.CloseableIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The lines of one {@link FileSplit}; see {@link LineReader} for the rules.
 *
 * <p>Bytes are read in large blocks into {@code buffer}; each line is found by scanning for {@code
 * '\n'} and decoded straight out of the buffer. Only the unread tail of a block is moved when the
 * buffer is refilled, and the buffer grows when a single line does not fit.
 */
final class SplitLineIterator implements CloseableIterator<String> {

    private static final int MAX_READ_SIZE = 256 * 1024;
    private static final int MIN_READ_SIZE = 8 * 1024;
    private static final int MAX_BUFFER_SIZE = Integer.MAX_VALUE - 16;

    private final FileSplit split;
    private final InputStream in;

    /** Lines starting at or after this file offset belong to the next split. */
    private final long end;

    private byte[] buffer;

    /** Start of the unconsumed bytes in {@code buffer}. */
    private int pos;

    /** End of the valid bytes in {@code buffer}. */
    private int limit;

    /** File offset of {@code buffer[0]} (in decompressed bytes for gzip). */
    private long bufferOffset;

    private boolean endOfInput;

    /** True until the first line of a split starting at offset 0 has been read. */
    private boolean atFileStart;

    private String nextLine;
    private boolean closed;

    /**
     * Opens the split and positions it at its first line.
     *
     * @param bufferSize the initial buffer size; small values are for tests
     */
    SplitLineIterator(FileSplit split, int bufferSize) throws IOException {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.split = split;
        this.buffer = new byte[bufferSize];
        if (Gzip.isCompressed(split.file())) {
            if (split.start() != 0) {
                throw new IllegalArgumentException("A gzip file cannot be split: " + split);
            }
            this.in = Gzip.open(split.file());
            this.end = Long.MAX_VALUE;
        } else {
            this.in = openAt(split);
            this.end = split.end();
        }
        try {
            if (split.start() == 0) {
                atFileStart = true;
            } else {
                // Back up one byte so that a split starting right at a line start keeps that line:
                // only a partial line, owned by the previous split, is discarded.
                bufferOffset = split.start() - 1;
                skipPastNewline();
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
    }

    /**
     * Reads large blocks, but no more than a small split needs: such a split only reads past its
     * end to finish its last line.
     */
    static int initialBufferSize(FileSplit split) {
        if (Gzip.isCompressed(split.file())) {
            return MAX_READ_SIZE;
        }
        return (int) Math.min(MAX_READ_SIZE, Math.max(MIN_READ_SIZE, split.length()));
    }

    private static InputStream openAt(FileSplit split) throws IOException {
        FileChannel channel = FileChannel.open(split.file(), StandardOpenOption.READ);
        try {
            channel.position(Math.max(0, split.start() - 1));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    @Override
    public boolean hasNext() {
        if (nextLine == null && !closed) {
            try {
                nextLine = readLine();
            } catch (IOException e) {
                UncheckedIOException failure =
                        new UncheckedIOException(
                                "Cannot read " + split.file() + " (split " + split + ")", e);
                closeQuietly(failure);
                throw failure;
            }
            if (nextLine == null) {
                close();
            }
        }
        return nextLine != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = nextLine;
        nextLine = null;
        return line;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        nextLine = null;
        buffer = null;
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + split.file(), e);
        }
    }

    /** Returns the next line of this split, or null once a line would start past its end. */
    private String readLine() throws IOException {
        if (bufferOffset + pos >= end) {
            return null;
        }
        if (atFileStart) {
            atFileStart = false;
            skipByteOrderMark();
        }
        int scanFrom = pos;
        while (true) {
            int newline = NewlineScanner.indexOf(buffer, scanFrom, limit);
            if (newline >= 0) {
                int contentEnd =
                        newline > pos && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                return takeLine(contentEnd, newline + 1);
            }
            if (endOfInput) {
                return pos < limit ? takeLine(limit, limit) : null;
            }
            int scanned = limit - pos;
            refill();
            scanFrom = pos + scanned;
        }
    }

    private String takeLine(int contentEnd, int nextPos) {
        String line = new String(buffer, pos, contentEnd - pos, UTF_8);
        pos = nextPos;
        return line;
    }

    /** Discards everything up to and including the next {@code '\n'}. */
    private void skipPastNewline() throws IOException {
        while (true) {
            int newline = NewlineScanner.indexOf(buffer, pos, limit);
            if (newline >= 0) {
                pos = newline + 1;
                return;
            }
            pos = limit;
            if (endOfInput) {
                return;
            }
            refill();
        }
    }

    /** Drops a UTF-8 byte order mark at the start of the file, as Hadoop does. */
    private void skipByteOrderMark() throws IOException {
        while (limit - pos < 3 && !endOfInput) {
            refill();
        }
        if (limit - pos >= 3
                && buffer[pos] == (byte) 0xEF
                && buffer[pos + 1] == (byte) 0xBB
                && buffer[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
    }

    /**
     * Reads more input, keeping the unconsumed bytes: they move to the front of the buffer, which
     * doubles first if they fill it. Reads until the buffer is full or the input ends.
     */
    private void refill() throws IOException {
        int unconsumed = limit - pos;
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, unconsumed);
            bufferOffset += pos;
            pos = 0;
            limit = unconsumed;
        }
        if (limit == buffer.length) {
            if (buffer.length >= MAX_BUFFER_SIZE) {
                throw new IOException("Line longer than " + MAX_BUFFER_SIZE + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BUFFER_SIZE, 2L * buffer.length));
        }
        int wanted = buffer.length - limit;
        int read = in.readNBytes(buffer, limit, wanted);
        limit += read;
        endOfInput = read < wanted;
    }

    private void closeQuietly(Exception failure) {
        closed = true;
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
