package dev.sluice.plan;

import java.util.Objects;

/**
 * The shuffle a {@link PlanStage} writes.
 *
 * @param shuffleId      the shuffle's id, which the reading stage names in its {@link ShuffleRead}
 * @param partitioner    how records are spread over the reducers, e.g. {@code HashPartitioner(4)}
 * @param mapSideCombine whether values are combined per key before they are written
 */
public record ShuffleWrite(int shuffleId, String partitioner, boolean mapSideCombine) {

    public ShuffleWrite {
        Objects.requireNonNull(partitioner, "partitioner");
    }
}
