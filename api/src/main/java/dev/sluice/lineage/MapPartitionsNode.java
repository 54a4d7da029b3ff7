package dev.sluice.lineage;

import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.RecordSink;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;

/**
 * A narrow operator over one parent (map, filter, flatMap, mapPartitions…), pipelined into the parent's task.
 * Pulled, it transforms the parent's iterator; pushed, a {@link RecordOperator} wraps the sink and the parent
 * pushes into that, so consecutive record operators fuse into one chain of sinks. A transform of a whole
 * iterator (a user's {@code mapPartitions}) is pulled and its output pushed on.
 */
public final class MapPartitionsNode<T, R> extends NarrowNode<T, R> {
    private static final long serialVersionUID = 1L;
    private final PartitionTransform<T, R> transform;

    public MapPartitionsNode(int id, String operator, String callSite, Node<T> parent, PartitionTransform<T, R> transform,
                      boolean preservesPartitioning) {
        super(id, operator, callSite, parent, preservesPartitioning);
        this.transform = transform;
    }

    @Override
    protected Iterator<R> compute(Partition partition, TaskContext context) {
        return transform.apply(partition.index(), parent.iterator(partition, context));
    }

    @Override
    protected void computeInto(Partition partition, TaskContext context, RecordSink<? super R> sink) {
        if (transform instanceof RecordOperator<T, R> operator) {
            parent.push(partition, context, operator.wrap(partition.index(), sink));
        } else {
            super.computeInto(partition, context, sink);
        }
    }
}
