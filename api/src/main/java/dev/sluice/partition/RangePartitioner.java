package dev.sluice.partition;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Splits an ordered key space into contiguous ranges, so that partition {@code i} holds only keys
 * that sort before those of partition {@code i + 1}. Bounds are usually computed from a sample of
 * the keys ({@link #fromSample}), which balances skewed inputs. Null keys sort first.
 */
public final class RangePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;
    private final Object[] upperBounds;
    private final Comparator<Object> ordering;
    private final boolean ascending;

    /**
     * @param partitions  number of partitions
     * @param upperBounds sorted (ascending by {@code ordering}) inclusive upper bounds of the first
     *                    {@code upperBounds.length} partitions; at most {@code partitions - 1}
     * @param ordering    key order (must be serializable); partitioners are equal only if their orderings are
     * @param ascending   false puts the largest keys in partition 0
     */
    @SuppressWarnings("unchecked")
    public RangePartitioner(int partitions, List<?> upperBounds, Comparator<?> ordering, boolean ascending) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("Number of partitions must be positive, got " + partitions);
        }
        if (upperBounds.size() > partitions - 1) {
            throw new IllegalArgumentException("At most " + (partitions - 1) + " bounds for " + partitions + " partitions");
        }
        this.partitions = partitions;
        this.upperBounds = upperBounds.toArray();
        this.ordering = nullsFirst((Comparator<Object>) Objects.requireNonNull(ordering));
        this.ascending = ascending;
    }

    private static Comparator<Object> nullsFirst(Comparator<Object> c) {
        return c instanceof NullsFirst ? c : new NullsFirst(c);
    }

    /** Null-tolerant wrapper of a user ordering; a named class so the partitioner stays serializable. */
    private record NullsFirst(Comparator<Object> inner) implements Comparator<Object>, java.io.Serializable {
        @Override
        public int compare(Object a, Object b) {
            return a == b ? 0 : a == null ? -1 : b == null ? 1 : inner.compare(a, b);
        }
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int partition(Object key) {
        int lo = 0;
        int hi = upperBounds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ordering.compare(upperBounds[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return ascending ? lo : partitions - 1 - lo;
    }

    /** The upper bounds, in ascending key order. */
    public List<Object> upperBounds() {
        return java.util.Collections.unmodifiableList(Arrays.asList(upperBounds.clone()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangePartitioner r && r.partitions == partitions && r.ascending == ascending
                && Arrays.equals(r.upperBounds, upperBounds) && r.ordering.equals(ordering);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(upperBounds) + partitions;
    }

    @Override
    public String toString() {
        return "RangePartitioner(" + partitions + (ascending ? ", ascending" : ", descending") + ")";
    }
}
