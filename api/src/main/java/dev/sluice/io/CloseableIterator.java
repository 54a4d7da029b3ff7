package dev.sluice.io;

import java.util.Iterator;

/**
 * An iterator over a resource, such as an open file, that must be released.
 *
 * <p>Implementations release the resource by themselves once exhausted; a consumer that stops early
 * calls {@link #close()}. After {@code close()} the iterator reports no further elements.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

    /**
     * Releases the underlying resource. Idempotent. I/O failures are reported as {@link
     * java.io.UncheckedIOException}.
     */
    @Override
    void close();
}
