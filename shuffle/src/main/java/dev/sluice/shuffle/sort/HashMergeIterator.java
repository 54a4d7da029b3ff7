package dev.sluice.shuffle.sort;

import dev.sluice.common.CloseableIterator;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.Cancellation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BinaryOperator;

/**
 * Merges cursors that are each sorted by key hash code, and hold each key at most once, into one
 * sequence with every distinct key once and its combiners merged.
 *
 * <p>Keys with equal hash codes are adjacent in every cursor, so the iterator works one hash code at a
 * time: it takes the pairs with the smallest current hash code from all cursors, merges those whose keys
 * are equal into a small group, and emits the group. Distinct keys sharing a hash code are compared
 * pairwise, which stays exact (if slower) under heavy collisions. A lone cursor need not be sorted:
 * its keys are distinct already. Runs {@code onClose} when exhausted, closed, or failed.
 */
final class HashMergeIterator<R, K, C> implements CloseableIterator<R> {

    private final PriorityQueue<HashedCursor<K, C>> heads =
            new PriorityQueue<>(Comparator.comparingInt(HashedCursor::hash));
    private final BinaryOperator<C> mergeCombiners;
    private final RecordShape<R, K, C> shape;
    private final Runnable onClose;

    /** The distinct keys of the current hash code and their merged combiners, emitted in order. */
    private final List<K> groupKeys = new ArrayList<>();
    private final List<C> groupCombiners = new ArrayList<>();
    private int groupPosition;

    private long emitted;
    private boolean closed;

    HashMergeIterator(
            List<PairCursor<K, C>> cursors, BinaryOperator<C> mergeCombiners, RecordShape<R, K, C> shape,
            Runnable onClose) {
        this.mergeCombiners = mergeCombiners;
        this.shape = shape;
        this.onClose = onClose;
        try {
            for (PairCursor<K, C> cursor : cursors) {
                HashedCursor<K, C> hashed = new HashedCursor<>(cursor);
                if (hashed.advance()) {
                    heads.add(hashed);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (groupPosition < groupKeys.size()) {
            return true;
        }
        if (heads.isEmpty()) {
            close();
            return false;
        }
        try {
            loadNextGroup();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return true;
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Cancellation.checkEvery(emitted++);
        R record = shape.of(groupKeys.get(groupPosition), groupCombiners.get(groupPosition));
        groupPosition++;
        return record;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            heads.clear();
            groupKeys.clear();
            groupCombiners.clear();
            onClose.run();
        }
    }

    private void loadNextGroup() {
        groupKeys.clear();
        groupCombiners.clear();
        groupPosition = 0;
        int hash = heads.peek().hash();
        while (!heads.isEmpty() && heads.peek().hash() == hash) {
            HashedCursor<K, C> cursor = heads.poll();
            boolean more;
            do {
                addToGroup(cursor.key(), cursor.value());
                more = cursor.advance();
            } while (more && cursor.hash() == hash);
            if (more) {
                heads.add(cursor);
            }
        }
    }

    private void addToGroup(K key, C combiner) {
        for (int i = 0; i < groupKeys.size(); i++) {
            if (Objects.equals(groupKeys.get(i), key)) {
                groupCombiners.set(i, mergeCombiners.apply(groupCombiners.get(i), combiner));
                return;
            }
        }
        groupKeys.add(key);
        groupCombiners.add(combiner);
    }

    /** A cursor that remembers the hash code of its current key. */
    private static final class HashedCursor<K, C> {

        private final PairCursor<K, C> cursor;
        private int hash;

        HashedCursor(PairCursor<K, C> cursor) {
            this.cursor = cursor;
        }

        boolean advance() {
            if (!cursor.advance()) {
                return false;
            }
            hash = Objects.hashCode(cursor.key());
            return true;
        }

        int hash() {
            return hash;
        }

        K key() {
            return cursor.key();
        }

        C value() {
            return cursor.value();
        }
    }
}
