package dev.sluice;

import dev.sluice.partition.Partitioner;
import dev.sluice.spi.Aggregator;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A by-key aggregation of a parent that is already partitioned by the target partitioner: every
 * key lives in one partition, so it aggregates in place with no shuffle.
 */
final class LocalAggregateNode<K, C> extends Node<Pair<K, C>> {
    private static final long serialVersionUID = 1L;
    private final Node<? extends Pair<K, ?>> parent;
    private final Aggregator aggregator;

    LocalAggregateNode(int id, String operator, String callSite, Node<? extends Pair<K, ?>> parent, Aggregator aggregator) {
        super(id, operator, callSite);
        this.parent = parent;
        this.aggregator = aggregator;
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
        return parent.partitioner();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<K, C>> compute(Partition partition, TaskContext context) {
        Iterator<Object> records = (Iterator<Object>) (Iterator<?>) parent.iterator(partition, context);
        return (Iterator<Pair<K, C>>) (Iterator<?>) context.aggregate(records, PairShape.INSTANCE, aggregator);
    }
}
