package dev.sluice.lineage;

import java.io.Serializable;
import java.util.Iterator;

/** A narrow operator: turns one partition's records into the output records of the same partition. */
@FunctionalInterface
public interface PartitionTransform<T, R> extends Serializable {
    Iterator<R> apply(int partition, Iterator<T> input);
}
