package dev.sluice.plan;

import dev.sluice.Dataset;

import java.util.List;

/**
 * The stages a job over a dataset would run, parents before children; the last stage is the
 * {@linkplain #result() result stage} that feeds the action. An immutable snapshot: it does not
 * change when the job later runs, and building it runs nothing.
 *
 * @param stages every stage of the job, each after the stages it reads from
 */
public record ExecutionPlan(List<PlanStage> stages) {

    public ExecutionPlan {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least its result stage");
        }
    }

    /** The stage that computes the dataset itself. */
    public PlanStage result() {
        return stages.get(stages.size() - 1);
    }

    /** The stage with this id. */
    public PlanStage stage(int id) {
        for (PlanStage stage : stages) {
            if (stage.id() == id) {
                return stage;
            }
        }
        throw new IllegalArgumentException("no stage " + id + " in this plan");
    }

    /**
     * The plan as {@code Dataset.explain()} prints it, the result stage first: each stage with its
     * task count and the shuffle it writes, its operators (last first) with partition counts, call
     * sites and storage levels, and the shuffles it reads.
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (int i = stages.size() - 1; i >= 0; i--) {
            appendStage(stages.get(i), out);
        }
        return out.toString();
    }

    private static void appendStage(PlanStage stage, StringBuilder out) {
        out.append("Stage ").append(stage.id()).append(": ");
        stage.writes().ifPresentOrElse(write -> {
            out.append("writes shuffle ").append(write.shuffleId()).append(" (").append(write.partitioner());
            if (write.mapSideCombine()) {
                out.append(", map-side combine");
            }
            out.append(')');
        }, () -> out.append("result"));
        out.append(", ").append(stage.tasks()).append(stage.tasks() == 1 ? " task" : " tasks");
        if (stage.skipped()) {
            out.append(" -- skipped: output already written by an earlier job\n");
            return;
        }
        out.append('\n');
        List<PlanOperator> operators = stage.operators();
        for (int i = operators.size() - 1; i >= 0; i--) {
            PlanOperator operator = operators.get(i);
            out.append("  ").append(operator.name()).append(" [").append(operator.partitions()).append("] at ")
                    .append(operator.callSite());
            if (operator.isCached()) {
                out.append("  (cached: ").append(operator.storageLevel()).append(')');
            }
            out.append('\n');
        }
        for (ShuffleRead read : stage.reads()) {
            out.append("  <- reads shuffle ").append(read.shuffleId()).append(" from stage ").append(read.fromStage())
                    .append('\n');
        }
    }

    @Override
    public String toString() {
        return toText();
    }
}
