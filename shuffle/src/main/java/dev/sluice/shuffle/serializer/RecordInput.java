package dev.sluice.shuffle.serializer;

import java.io.Closeable;

/**
 * A stream of serialized objects being read, created by {@link Serializer#newInput}. Read key/value
 * pairs with:
 *
 * <pre>{@code
 * while (!in.atEnd()) {
 *     Object key = in.read();
 *     Object value = in.read();
 * }
 * }</pre>
 *
 * <p>Methods throw {@link java.io.UncheckedIOException} when the underlying stream fails or ends in the
 * middle of an object, {@link SerializationException} when the bytes cannot be decoded, and
 * {@link java.util.concurrent.CancellationException} when I/O is cut short by interrupting the thread.
 */
public interface RecordInput extends Closeable {

    /** Reads the next object, which may be {@code null}. */
    Object read();

    /** Returns true when the stream holds no more objects. May block to read ahead. */
    boolean atEnd();

    /** Closes the underlying stream. */
    @Override
    void close();
}
