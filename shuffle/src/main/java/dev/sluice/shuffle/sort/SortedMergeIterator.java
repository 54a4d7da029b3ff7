package dev.sluice.shuffle.sort;

import dev.sluice.common.CloseableIterator;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.Cancellation;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges cursors that are each sorted by key into one sorted sequence of records: a priority queue
 * holds every cursor by its current key, and each step emits the smallest and advances that cursor.
 * Runs {@code onClose} when exhausted, closed, or failed.
 */
final class SortedMergeIterator<R, K, V> implements CloseableIterator<R> {

    private final PriorityQueue<PairCursor<K, V>> heads;
    private final RecordShape<R, K, V> shape;
    private final Runnable onClose;
    private long emitted;
    private boolean closed;

    SortedMergeIterator(
            List<PairCursor<K, V>> cursors, Comparator<? super K> keyOrder, RecordShape<R, K, V> shape,
            Runnable onClose) {
        this.heads = new PriorityQueue<>(Math.max(1, cursors.size()), (a, b) -> keyOrder.compare(a.key(), b.key()));
        this.shape = shape;
        this.onClose = onClose;
        try {
            for (PairCursor<K, V> cursor : cursors) {
                if (cursor.advance()) {
                    heads.add(cursor);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (!closed && heads.isEmpty()) {
            close();
        }
        return !closed;
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            Cancellation.checkEvery(emitted++);
            PairCursor<K, V> smallest = heads.poll();
            R record = shape.of(smallest.key(), smallest.value());
            if (smallest.advance()) {
                heads.add(smallest);
            }
            return record;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            heads.clear();
            onClose.run();
        }
    }
}
