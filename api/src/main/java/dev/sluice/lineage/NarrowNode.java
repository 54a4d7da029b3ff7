package dev.sluice.lineage;

import dev.sluice.partition.Partitioner;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;

import java.util.List;
import java.util.Optional;

/**
 * A node computed partition by partition from the same partition of one parent: same partition
 * count, same partition objects, and the parent's partitioner when it keeps keys where they are.
 */
public abstract class NarrowNode<P, T> extends Node<T> {
    private static final long serialVersionUID = 1L;
    final Node<P> parent;
    private final boolean preservesPartitioning;

    NarrowNode(int id, String operator, String callSite, Node<P> parent, boolean preservesPartitioning) {
        super(id, operator, callSite);
        this.parent = parent;
        this.preservesPartitioning = preservesPartitioning;
    }

    @Override
    public final int numPartitions() {
        return parent.numPartitions();
    }

    @Override
    public final Partition partition(int index) {
        return parent.partition(index);
    }

    @Override
    public final List<Dependency> dependencies() {
        return List.of(NarrowDependency.oneToOne(parent));
    }

    @Override
    public final Optional<Partitioner> partitioner() {
        return preservesPartitioning ? parent.partitioner() : Optional.empty();
    }
}
