package dev.sluice.lineage;

import dev.sluice.Pair;
import dev.sluice.common.Iterators;

import dev.sluice.partition.Partitioner;
import dev.sluice.spi.KeyedTable;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TableBuild;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The inner and outer joins of two keyed parents. Each task holds one side of its partition in an
 * in-memory table (the smaller one, by shuffled bytes, when both are known; the right one
 * otherwise) and streams the other side past it, so the larger side is never grouped. When the held
 * side does not fit the task's memory, the task falls back to grouping both sides by key with
 * spilling, as {@code cogroup} does, and crosses each key's values.
 *
 * <p>A side marked optional is wrapped in {@link Optional} and is empty for a key it lacks: a left
 * outer join makes the right side optional, a right outer join the left, a full outer join both.
 */
public final class JoinedNode<K> extends KeyedInputsNode<Pair<K, Pair<Object, Object>>> {
    private static final long serialVersionUID = 1L;
    private static final int LEFT = 0;
    private static final int RIGHT = 1;

    private final boolean leftOptional;
    private final boolean rightOptional;

    public JoinedNode(int id, String operator, String callSite, Node<? extends Pair<K, ?>> left, Node<? extends Pair<K, ?>> right,
               Partitioner partitioner, IntSupplier shuffleIds, boolean leftOptional, boolean rightOptional) {
        super(id, operator, callSite, List.of(left, right), partitioner, shuffleIds);
        this.leftOptional = leftOptional;
        this.rightOptional = rightOptional;
    }

    @Override
    protected Iterator<Pair<K, Pair<Object, Object>>> compute(Partition partition, TaskContext context) {
        int build = buildSide(partition, context);
        TableBuild table = context.buildTable(read(build, partition, context), PairShape.INSTANCE);
        Iterator<Object> probe = read(1 - build, partition, context);
        if (table instanceof TableBuild.Built built) {
            return new HashJoinIterator(built.table(), probe, build == LEFT);
        }
        Iterator<Object> held = ((TableBuild.Overflowed) table).records();
        List<Iterator<Object>> sides = build == LEFT ? List.of(held, probe) : List.of(probe, held);
        return Iterators.flatMap(CoGroupedNode.group(sides, context), this::crossGroup);
    }

    /** The smaller side by shuffled bytes when both are known, else the right side (usually the dimension). */
    private int buildSide(Partition partition, TaskContext context) {
        long leftBytes = bytes(LEFT, partition, context);
        long rightBytes = bytes(RIGHT, partition, context);
        return leftBytes >= 0 && rightBytes >= 0 && leftBytes < rightBytes ? LEFT : RIGHT;
    }

    @SuppressWarnings("unchecked")
    private List<Pair<K, Pair<Object, Object>>> crossGroup(Object grouped) {
        Pair<K, List<Object>[]> group = (Pair<K, List<Object>[]>) grouped;
        List<Object> lefts = group.value()[LEFT];
        List<Object> rights = group.value()[RIGHT];
        if (lefts.isEmpty() && !leftOptional || rights.isEmpty() && !rightOptional) {
            return List.of();
        }
        List<Object> ls = lefts.isEmpty() ? Collections.singletonList(null) : lefts;
        List<Object> rs = rights.isEmpty() ? Collections.singletonList(null) : rights;
        List<Pair<K, Pair<Object, Object>>> out = new ArrayList<>(ls.size() * rs.size());
        for (Object l : ls) {
            for (Object r : rs) {
                out.add(row(group.key(), l, r));
            }
        }
        return out;
    }

    private Pair<K, Pair<Object, Object>> row(K key, Object left, Object right) {
        return Pair.of(key, Pair.of(leftOptional ? Optional.ofNullable(left) : left,
                rightOptional ? Optional.ofNullable(right) : right));
    }

    /**
     * Streams the probe side past the held table: each probe record yields one row per held value of
     * its key; an unmatched probe record yields a row when the held side is optional; and at the end,
     * when the probe side is optional, every held key no probe found yields its rows.
     */
    private final class HashJoinIterator implements Iterator<Pair<K, Pair<Object, Object>>> {
        private final KeyedTable table;
        private final Iterator<Object> probe;
        private final boolean heldIsLeft;
        private final boolean keepUnmatchedProbe;
        private final boolean keepUnmatchedHeld;
        private K key;
        private Object probeValue;
        private List<Object> matches = List.of();
        private int nextMatch;
        private Iterator<Pair<K, Pair<Object, Object>>> unmatchedHeld;
        private Pair<K, Pair<Object, Object>> next;

        HashJoinIterator(KeyedTable table, Iterator<Object> probe, boolean heldIsLeft) {
            this.table = table;
            this.probe = probe;
            this.heldIsLeft = heldIsLeft;
            this.keepUnmatchedProbe = heldIsLeft ? leftOptional : rightOptional;
            this.keepUnmatchedHeld = heldIsLeft ? rightOptional : leftOptional;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Pair<K, Pair<Object, Object>> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Pair<K, Pair<Object, Object>> row = next;
            next = null;
            return row;
        }

        @SuppressWarnings("unchecked")
        private Pair<K, Pair<Object, Object>> advance() {
            while (true) {
                if (nextMatch < matches.size()) {
                    Object held = matches.get(nextMatch++);
                    return heldIsLeft ? row(key, held, probeValue) : row(key, probeValue, held);
                }
                if (!probe.hasNext()) {
                    return unmatchedHeld();
                }
                Pair<K, Object> record = (Pair<K, Object>) probe.next();
                key = record.key();
                probeValue = record.value();
                List<Object> found = table.match(key);
                if (found != null) {
                    matches = found;
                    nextMatch = 0;
                } else if (keepUnmatchedProbe) {
                    return heldIsLeft ? row(key, null, probeValue) : row(key, probeValue, null);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Pair<K, Pair<Object, Object>> unmatchedHeld() {
            if (!keepUnmatchedHeld) {
                return null;
            }
            if (unmatchedHeld == null) {
                List<Pair<K, Pair<Object, Object>>> rows = new ArrayList<>();
                table.forEachUnmatched((k, values) -> {
                    for (Object held : values) {
                        rows.add(heldIsLeft ? row((K) k, held, null) : row((K) k, null, held));
                    }
                });
                unmatchedHeld = rows.iterator();
            }
            return unmatchedHeld.hasNext() ? unmatchedHeld.next() : null;
        }
    }
}
