package dev.sluice.plan;

import dev.sluice.storage.StorageLevel;

import java.util.Objects;

/**
 * One operator of a {@link PlanStage}, such as {@code map} or {@code reduceByKey}.
 *
 * @param name         the operator that made the dataset
 * @param partitions   how many partitions it has
 * @param callSite     where user code created it, such as {@code WordCount.java:21}
 * @param storageLevel how its partitions are cached; {@link StorageLevel#NONE} when they are not
 */
public record PlanOperator(String name, int partitions, String callSite, StorageLevel storageLevel) {

    public PlanOperator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callSite, "callSite");
        Objects.requireNonNull(storageLevel, "storageLevel");
    }

    /** Whether the operator's partitions are kept for later jobs. */
    public boolean isCached() {
        return storageLevel.isPersisted();
    }
}
