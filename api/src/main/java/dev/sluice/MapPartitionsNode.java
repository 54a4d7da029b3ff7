package dev.sluice;

import dev.sluice.partition.Partitioner;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** A narrow operator over one parent (map, filter, flatMap, mapPartitions…), pipelined into the parent's task. */
final class MapPartitionsNode<T, R> extends Node<R> {
    private static final long serialVersionUID = 1L;
    private final Node<T> parent;
    private final PartitionTransform<T, R> transform;
    private final boolean preservesPartitioning;

    MapPartitionsNode(int id, String operator, String callSite, Node<T> parent, PartitionTransform<T, R> transform,
                      boolean preservesPartitioning) {
        super(id, operator, callSite);
        this.parent = parent;
        this.transform = transform;
        this.preservesPartitioning = preservesPartitioning;
    }

    @Override
    public int numPartitions() {
        return parent.numPartitions();
    }

    @Override
    public Partition partition(int index) {
        return parent.partition(index);
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of(NarrowDependency.oneToOne(parent));
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return preservesPartitioning ? parent.partitioner() : Optional.empty();
    }

    @Override
    protected Iterator<R> compute(Partition partition, TaskContext context) {
        return transform.apply(partition.index(), parent.iterator(partition, context));
    }
}
