package dev.sluice.lineage;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.RecordSink;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The partitions of several parents side by side: no data moves. */
public final class UnionNode<T> extends Node<T> {
    private static final long serialVersionUID = 1L;
    private final List<Node<T>> parents;

    public UnionNode(int id, String callSite, List<Node<T>> parents) {
        super(id, "union", callSite);
        this.parents = List.copyOf(parents);
    }

    @Override
    public int numPartitions() {
        return parents.stream().mapToInt(Node::numPartitions).sum();
    }

    @Override
    public Partition partition(int index) {
        int offset = index;
        for (Node<T> parent : parents) {
            if (offset < parent.numPartitions()) {
                return new Part(index, parent.partition(offset));
            }
            offset -= parent.numPartitions();
        }
        throw new IndexOutOfBoundsException("partition " + index + " of " + numPartitions());
    }

    @Override
    public List<Dependency> dependencies() {
        List<Dependency> deps = new ArrayList<>();
        int out = 0;
        for (Node<T> parent : parents) {
            deps.add(NarrowDependency.range(parent, 0, out, parent.numPartitions()));
            out += parent.numPartitions();
        }
        return deps;
    }

    @Override
    protected Iterator<T> compute(Partition partition, TaskContext context) {
        return parentOf(partition).iterator(((Part) partition).parentPartition(), context);
    }

    /** Pushes the partition of the parent it reads. */
    @Override
    protected void computeInto(Partition partition, TaskContext context, RecordSink<? super T> sink) {
        parentOf(partition).push(((Part) partition).parentPartition(), context, sink);
    }

    private Node<T> parentOf(Partition partition) {
        int offset = partition.index();
        for (Node<T> parent : parents) {
            if (offset < parent.numPartitions()) {
                return parent;
            }
            offset -= parent.numPartitions();
        }
        throw new IndexOutOfBoundsException("partition " + partition.index());
    }

    /** A union partition wraps the parent partition it reads. */
    record Part(int index, Partition parentPartition) implements Partition {
    }
}
