package dev.sluice.lineage;

import dev.sluice.Pair;

import dev.sluice.common.record.Combiner;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;

/**
 * A by-key aggregation of a parent that is already partitioned by the target partitioner: every
 * key lives in one partition, so it aggregates in place with no shuffle.
 */
public final class LocalAggregateNode<K, C> extends NarrowNode<Pair<K, Object>, Pair<K, C>> {
    private static final long serialVersionUID = 1L;
    private final Combiner<Object, Object> aggregator;

    public LocalAggregateNode(int id, String operator, String callSite, Node<Pair<K, Object>> parent,
                              Combiner<Object, Object> aggregator) {
        super(id, operator, callSite, parent, true);
        this.aggregator = aggregator;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<K, C>> compute(Partition partition, TaskContext context) {
        Iterator<Object> records = (Iterator<Object>) (Iterator<?>) parent.iterator(partition, context);
        return (Iterator<Pair<K, C>>) (Iterator<?>) context.aggregate(records, PairShape.INSTANCE, aggregator);
    }
}
