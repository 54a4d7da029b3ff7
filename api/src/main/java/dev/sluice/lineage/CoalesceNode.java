package dev.sluice.lineage;

import dev.sluice.common.Iterators;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.RecordSink;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** Fewer partitions without a shuffle: each output partition reads a contiguous group of parent partitions. */
public final class CoalesceNode<T> extends Node<T> {
    private static final long serialVersionUID = 1L;
    private final Node<T> parent;
    private final int[][] groups;

    public CoalesceNode(int id, String callSite, Node<T> parent, int partitions) {
        super(id, "coalesce(" + partitions + ")", callSite);
        this.parent = parent;
        int n = Math.min(partitions, Math.max(1, parent.numPartitions()));
        int total = parent.numPartitions();
        this.groups = new int[n][];
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * total / n);
            int to = (int) ((long) (i + 1) * total / n);
            groups[i] = java.util.stream.IntStream.range(from, to).toArray();
        }
    }

    @Override
    public int numPartitions() {
        return groups.length;
    }

    @Override
    public Partition partition(int index) {
        return new Group(index, Arrays.stream(groups[index]).mapToObj(parent::partition).toList());
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of(NarrowDependency.grouped(parent, groups));
    }

    @Override
    protected Iterator<T> compute(Partition partition, TaskContext context) {
        List<Iterator<T>> parts = new ArrayList<>();
        for (Partition p : ((Group) partition).parents()) {
            parts.add(parent.iterator(p, context));
        }
        return Iterators.concat(parts.iterator());
    }

    /** Pushes the parent partitions one after the other, each through its own chain. */
    @Override
    protected void computeInto(Partition partition, TaskContext context, RecordSink<? super T> sink) {
        for (Partition p : ((Group) partition).parents()) {
            parent.push(p, context, sink);
        }
    }

    /** The parent partitions one output partition reads. */
    record Group(int index, List<Partition> parents) implements Partition {
    }
}
