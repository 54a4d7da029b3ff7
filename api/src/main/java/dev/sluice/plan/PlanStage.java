package dev.sluice.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of an {@link ExecutionPlan}: tasks that pipeline {@link #operators()} over the same
 * partitions, reading the shuffles in {@link #reads()} and, unless it is the result stage, writing
 * the shuffle in {@link #writes()}.
 *
 * @param id        the planner's id for the stage
 * @param tasks     one task per partition of the stage's last operator
 * @param writes    the shuffle a shuffle-map stage writes; empty for the result stage
 * @param operators the operators the stage computes, first (nearest its input) to last
 * @param reads     the shuffles the stage reads, each with the stage that writes it
 * @param skipped   the stage's output was written by an earlier job, so it will not run again
 */
public record PlanStage(int id, int tasks, Optional<ShuffleWrite> writes, List<PlanOperator> operators,
                        List<ShuffleRead> reads, boolean skipped) {

    public PlanStage {
        Objects.requireNonNull(writes, "writes");
        operators = List.copyOf(operators);
        reads = List.copyOf(reads);
    }

    /** Whether this stage feeds the action rather than a shuffle. */
    public boolean isResult() {
        return writes.isEmpty();
    }
}
