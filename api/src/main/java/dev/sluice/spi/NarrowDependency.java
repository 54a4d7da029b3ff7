package dev.sluice.spi;

/**
 * A dependency where each child partition reads a known, small set of parent partitions, so the
 * child can be computed in the same task as its parents (no data movement).
 */
public abstract non-sealed class NarrowDependency extends Dependency {
    private static final long serialVersionUID = 1L;
    private final Node<?> parent;

    protected NarrowDependency(Node<?> parent) {
        this.parent = java.util.Objects.requireNonNull(parent);
    }

    @Override
    public final Node<?> parent() {
        return parent;
    }

    /** The parent partitions that child partition {@code childPartition} reads. */
    public abstract int[] parentPartitions(int childPartition);

    /** Child partition {@code i} reads parent partition {@code i}. */
    public static NarrowDependency oneToOne(Node<?> parent) {
        return new OneToOne(parent);
    }

    /** Child partitions {@code [outStart, outStart + length)} read parent partitions {@code [inStart, …)}. */
    public static NarrowDependency range(Node<?> parent, int inStart, int outStart, int length) {
        return new Range(parent, inStart, outStart, length);
    }

    /** Child partition {@code i} reads the parent partitions {@code groups[i]}. */
    public static NarrowDependency grouped(Node<?> parent, int[][] groups) {
        return new Grouped(parent, groups);
    }

    private static final class OneToOne extends NarrowDependency {
        private static final long serialVersionUID = 1L;

        OneToOne(Node<?> parent) {
            super(parent);
        }

        @Override
        public int[] parentPartitions(int childPartition) {
            return new int[] {childPartition};
        }
    }

    private static final class Range extends NarrowDependency {
        private static final long serialVersionUID = 1L;
        private final int inStart;
        private final int outStart;
        private final int length;

        Range(Node<?> parent, int inStart, int outStart, int length) {
            super(parent);
            this.inStart = inStart;
            this.outStart = outStart;
            this.length = length;
        }

        @Override
        public int[] parentPartitions(int childPartition) {
            int offset = childPartition - outStart;
            return offset >= 0 && offset < length ? new int[] {inStart + offset} : new int[0];
        }
    }

    private static final class Grouped extends NarrowDependency {
        private static final long serialVersionUID = 1L;
        private final int[][] groups;

        Grouped(Node<?> parent, int[][] groups) {
            super(parent);
            this.groups = groups;
        }

        @Override
        public int[] parentPartitions(int childPartition) {
            return groups[childPartition].clone();
        }
    }
}
