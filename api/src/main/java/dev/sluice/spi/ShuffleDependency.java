package dev.sluice.spi;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.partition.Partitioner;

import java.util.Comparator;
import java.util.Optional;

/**
 * A dependency that redistributes the parent's keyed records by {@link #partitioner()}: every
 * map task writes its records by reduce partition, every reduce task reads its partition from all
 * map outputs. Optionally values are aggregated (on the map side too when {@link #mapSideCombine()})
 * and the reduce side is sorted by key.
 */
public final class ShuffleDependency extends Dependency {
    private static final long serialVersionUID = 1L;
    /** Transient: a reduce task reads the map outputs, it never needs the map side's lineage. */
    private final transient Node<?> parent;
    private final int shuffleId;
    private final Partitioner partitioner;
    private final RecordShape<Object, Object, Object> shape;
    private final Combiner<Object, Object> aggregator;
    private final boolean mapSideCombine;
    private final Comparator<Object> keyOrdering;

    /**
     * @param aggregator     null for no aggregation
     * @param mapSideCombine combine on the map side before writing (needs an aggregator)
     * @param keyOrdering    null for unsorted reduce output; must be serializable
     */
    public ShuffleDependency(Node<?> parent, int shuffleId, Partitioner partitioner,
                             RecordShape<Object, Object, Object> shape, Combiner<Object, Object> aggregator, boolean mapSideCombine, Comparator<Object> keyOrdering) {
        this.parent = java.util.Objects.requireNonNull(parent);
        if (mapSideCombine && aggregator == null) {
            throw new IllegalArgumentException("map-side combine needs an aggregator");
        }
        this.shuffleId = shuffleId;
        this.partitioner = partitioner;
        this.shape = shape;
        this.aggregator = aggregator;
        this.mapSideCombine = mapSideCombine;
        this.keyOrdering = keyOrdering;
    }

    @Override
    public Node<?> parent() {
        if (parent == null) {
            throw new IllegalStateException("The map side of shuffle " + shuffleId + " is not shipped with reduce tasks");
        }
        return parent;
    }

    /** Identifies this shuffle's files and map outputs for the lifetime of the application. */
    public int shuffleId() {
        return shuffleId;
    }

    public Partitioner partitioner() {
        return partitioner;
    }

    /** How its records split into key and value; serializable (it travels with reduce tasks). */
    public RecordShape<Object, Object, Object> shape() {
        return shape;
    }

    /** How the values of a key are combined, if they are. */
    public Optional<Combiner<Object, Object>> aggregator() {
        return Optional.ofNullable(aggregator);
    }

    public boolean mapSideCombine() {
        return mapSideCombine;
    }

    public Optional<Comparator<Object>> keyOrdering() {
        return Optional.ofNullable(keyOrdering);
    }
}
