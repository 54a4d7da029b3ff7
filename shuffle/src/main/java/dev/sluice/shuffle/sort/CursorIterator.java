package dev.sluice.shuffle.sort;

import dev.sluice.common.CloseableIterator;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.Cancellation;

import java.util.NoSuchElementException;

/**
 * The pairs of one cursor as records, in the cursor's order, with nothing to merge: what a spillable
 * collection returns when it never spilled. Runs {@code onClose} when exhausted or closed.
 */
final class CursorIterator<R, K, V> implements CloseableIterator<R> {
    private final PairCursor<K, V> cursor;
    private final RecordShape<R, K, V> shape;
    private final Runnable onClose;
    private long emitted;
    private boolean ready;
    private boolean closed;

    CursorIterator(PairCursor<K, V> cursor, RecordShape<R, K, V> shape, Runnable onClose) {
        this.cursor = cursor;
        this.shape = shape;
        this.onClose = onClose;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (!ready && !(ready = cursor.advance())) {
            close();
        }
        return ready;
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Cancellation.checkEvery(emitted++);
        ready = false;
        return shape.of(cursor.key(), cursor.value());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cursor.close();
            onClose.run();
        }
    }
}
