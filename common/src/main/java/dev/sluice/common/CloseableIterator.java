package dev.sluice.common;

import java.util.Iterator;

/**
 * An iterator that holds resources (an open file, memory) until it is exhausted or closed. Exhausting it releases
 * everything by itself; {@link #close()} is for consumers that stop early. After {@code close()} the iterator
 * reports no further elements.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

    /**
     * Releases the resources held by this iterator. Idempotent. I/O failures are reported as
     * {@link java.io.UncheckedIOException}.
     */
    @Override
    void close();
}
