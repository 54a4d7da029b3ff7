package dev.sluice.shuffle;

import java.util.Iterator;

/**
 * An iterator that holds resources (open files, memory) until it is exhausted or closed. Exhausting it
 * releases everything by itself; {@link #close()} is for callers that stop early. Closing twice is
 * harmless.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

    /** Releases the resources held by this iterator; later calls to {@link #hasNext()} return false. */
    @Override
    void close();
}
