package dev.sluice.lineage;

import dev.sluice.Pair;

import dev.sluice.partition.Partitioner;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The reduce side of a shuffle: partition {@code i} reads bucket {@code i} of every map output. */
public final class ShuffledNode<K, C> extends Node<Pair<K, C>> {
    private static final long serialVersionUID = 1L;
    private final ShuffleDependency dependency;

    public ShuffledNode(int id, String operator, String callSite, ShuffleDependency dependency) {
        super(id, operator, callSite);
        this.dependency = dependency;
    }

    @Override
    public int numPartitions() {
        return dependency.partitioner().numPartitions();
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of(dependency);
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return Optional.of(dependency.partitioner());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<K, C>> compute(Partition partition, TaskContext context) {
        return (Iterator<Pair<K, C>>) (Iterator<?>) context.readShuffle(dependency, partition.index());
    }

    @Override
    public void prepare(dev.sluice.spi.Runtime runtime) {
        if (dependency.partitioner() instanceof SampledRangePartitioner sampled) {
            sampled.resolve(runtime, dependency.parent());
        }
    }
}
