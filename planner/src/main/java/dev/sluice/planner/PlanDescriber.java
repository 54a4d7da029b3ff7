package dev.sluice.planner;

import dev.sluice.plan.ExecutionPlan;
import dev.sluice.plan.PlanOperator;
import dev.sluice.plan.PlanStage;
import dev.sluice.plan.ShuffleRead;
import dev.sluice.plan.ShuffleWrite;
import dev.sluice.spi.Node;
import dev.sluice.spi.ShuffleDependency;

import java.util.List;
import java.util.Optional;

/**
 * Turns the planner's {@link StagePlan}, which holds live lineage nodes, into the immutable
 * {@link ExecutionPlan} values that {@code Dataset.executionPlan()} and {@code explain()} show users.
 */
public final class PlanDescriber {
    private PlanDescriber() {
    }

    public static ExecutionPlan describe(StagePlan plan) {
        return new ExecutionPlan(plan.stages().stream().map(PlanDescriber::describe).toList());
    }

    private static PlanStage describe(Stage stage) {
        Optional<ShuffleWrite> writes = stage.output().map(PlanDescriber::describe);
        List<PlanOperator> operators = stage.skipped() ? List.of()
                : stage.pipeline().stream().map(PlanDescriber::describe).toList();
        List<ShuffleRead> reads = stage.skipped() ? List.of()
                : stage.parents().stream().map(parent -> new ShuffleRead(parent.shuffleId(), parent.id())).toList();
        return new PlanStage(stage.id(), stage.numPartitions(), writes, operators, reads, stage.skipped());
    }

    private static ShuffleWrite describe(ShuffleDependency dependency) {
        return new ShuffleWrite(dependency.shuffleId(), String.valueOf(dependency.partitioner()),
                dependency.mapSideCombine());
    }

    private static PlanOperator describe(Node<?> node) {
        return new PlanOperator(node.operator(), node.numPartitions(), node.callSite(), node.storageLevel());
    }
}
