package dev.sluice.planner;

import dev.sluice.spi.Node;
import dev.sluice.spi.ShuffleDependency;

import java.util.List;

/**
 * Renders a {@link StagePlan} as text, the final stage first: each stage with its task count and
 * the shuffle it writes, its operators (last first) with partition counts, call sites and storage
 * levels, and the shuffles it reads.
 */
public final class ExplainRenderer {
    private ExplainRenderer() {
    }

    public static String render(StagePlan plan) {
        StringBuilder out = new StringBuilder();
        List<Stage> stages = plan.stages();
        for (int i = stages.size() - 1; i >= 0; i--) {
            renderStage(stages.get(i), out);
        }
        return out.toString();
    }

    private static void renderStage(Stage stage, StringBuilder out) {
        out.append("Stage ").append(stage.id()).append(": ");
        if (stage.isShuffleMap()) {
            ShuffleDependency dep = stage.output().orElseThrow();
            out.append("writes shuffle ").append(dep.shuffleId()).append(" (").append(dep.partitioner());
            if (dep.mapSideCombine()) {
                out.append(", map-side combine");
            }
            out.append(')');
        } else {
            out.append("result");
        }
        out.append(", ").append(stage.numPartitions()).append(stage.numPartitions() == 1 ? " task" : " tasks");
        if (stage.skipped()) {
            out.append(" -- skipped: output already written by an earlier job\n");
            return;
        }
        out.append('\n');
        List<Node<?>> pipeline = stage.pipeline();
        for (int i = pipeline.size() - 1; i >= 0; i--) {
            Node<?> node = pipeline.get(i);
            out.append("  ").append(node.operator()).append(" [").append(node.numPartitions()).append("] at ")
                    .append(node.callSite());
            if (node.storageLevel().isPersisted()) {
                out.append("  (cached: ").append(node.storageLevel()).append(')');
            }
            out.append('\n');
        }
        for (Stage parent : stage.parents()) {
            out.append("  <- reads shuffle ").append(parent.shuffleId()).append(" from stage ").append(parent.id()).append('\n');
        }
    }
}
