package dev.sluice.shuffle.serializer;

import java.io.Closeable;

/**
 * A stream of serialized objects being written, created by {@link Serializer#newOutput}. Buffers
 * internally; {@link #flush()} pushes everything written so far to the underlying stream.
 *
 * <p>Methods throw {@link java.io.UncheckedIOException} when the underlying stream fails and
 * {@link SerializationException} when an object cannot be serialized (after which the stream is
 * unusable), and {@link java.util.concurrent.CancellationException} when I/O is cut short by interrupting
 * the thread.
 */
public interface RecordOutput extends Closeable {

    /** Writes one object; {@code null} is allowed. */
    void write(Object object);

    /** Writes all buffered bytes to the underlying stream and flushes it. */
    void flush();

    /** Returns the number of bytes produced so far, including those still buffered. */
    long bytesWritten();

    /** Flushes, then closes the underlying stream. */
    @Override
    void close();
}
