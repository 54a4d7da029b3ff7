package dev.sluice.planner;

import dev.sluice.spi.Node;
import dev.sluice.spi.ShuffleDependency;

import java.util.List;
import java.util.Optional;

/**
 * A set of tasks that pipeline narrow operators over the same partitions: one task per partition
 * of {@link #node()}. A shuffle-map stage ends by writing {@link #output()}; a result stage ends in
 * the job's action. A stage can run once the shuffles of its {@link #parents()} are available.
 *
 * @param id       unique within the runtime
 * @param node     the last node computed by the stage's tasks
 * @param output   the shuffle written by a shuffle-map stage; empty for a result stage
 * @param parents  stages whose shuffle outputs this stage reads
 * @param pipeline the stage's nodes, parents before children, for plans and metrics
 * @param skipped  the stage's shuffle output already exists (written by an earlier job), so it will not run
 */
public record Stage(int id, Node<?> node, Optional<ShuffleDependency> output, List<Stage> parents, List<Node<?>> pipeline,
                    boolean skipped) {

    /** Number of tasks: one per partition of the last node. */
    public int numPartitions() {
        return node.numPartitions();
    }

    /** Whether this stage writes a shuffle (rather than feeding an action). */
    public boolean isShuffleMap() {
        return output.isPresent();
    }

    /** The id of the shuffle this stage writes, or -1. */
    public int shuffleId() {
        return output.map(ShuffleDependency::shuffleId).orElse(-1);
    }

    @Override
    public String toString() {
        return "stage " + id + " (" + node.operator() + " at " + node.callSite() + ")";
    }
}
