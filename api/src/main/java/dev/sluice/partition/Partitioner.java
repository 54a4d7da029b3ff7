package dev.sluice.partition;

import java.io.Serializable;

/**
 * Assigns each key of a keyed dataset to one of {@link #numPartitions()} partitions. Two datasets
 * partitioned by equal partitioners are co-partitioned: joining them needs no shuffle.
 * Implementations must be serializable and define {@code equals}/{@code hashCode}.
 */
public abstract class Partitioner implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many partitions keys are spread over. */
    public abstract int numPartitions();

    /** The partition of {@code key}, in {@code [0, numPartitions())}; {@code key} may be null. */
    public abstract int partition(Object key);
}
