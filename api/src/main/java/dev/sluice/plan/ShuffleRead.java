package dev.sluice.plan;

/**
 * A shuffle that a {@link PlanStage} reads: the edge from the stage that writes it.
 *
 * @param shuffleId the shuffle's id
 * @param fromStage the id of the stage that writes it
 */
public record ShuffleRead(int shuffleId, int fromStage) {
}
