package dev.sluice.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes lines as UTF-8, each followed by {@code '\n'}, through a large buffer.
 *
 * <p>Unlike a {@code BufferedWriter} over an {@code OutputStreamWriter}, a line is encoded once by
 * {@link String#getBytes} (a plain copy for ASCII text) and no lock is taken per write.
 */
final class Utf8LineWriter implements Closeable {

    private final OutputStream out;
    private final byte[] buffer;
    private int count;

    Utf8LineWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    void writeLine(String line) throws IOException {
        byte[] bytes = line.getBytes(UTF_8);
        if (bytes.length >= buffer.length - count) { // no room for the line and its '\n'
            flushBuffer();
            if (bytes.length >= buffer.length) {
                out.write(bytes);
                buffer[count++] = '\n';
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, count, bytes.length);
        count += bytes.length;
        buffer[count++] = '\n';
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
