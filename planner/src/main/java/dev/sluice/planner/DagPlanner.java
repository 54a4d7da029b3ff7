package dev.sluice.planner;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.ShuffleDependency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Cuts a lineage into stages: narrow dependencies are pipelined into the stage of their child;
 * each shuffle dependency becomes the boundary to a shuffle-map stage that writes it. A shuffle
 * that appears several times in one lineage (a self-join) gets one stage. Thread-safe.
 */
public final class DagPlanner {
    private final AtomicInteger stageIds = new AtomicInteger();

    /**
     * Plans a job ending in {@code finalNode}. Shuffles for which {@code available} is true are
     * already written: their stages are still planned (for explain) but their parents are not
     * visited, so lineage above an available shuffle is never re-planned.
     */
    public StagePlan plan(Node<?> finalNode, IntPredicate available) {
        Map<Integer, Stage> byShuffle = new HashMap<>();
        List<Stage> ordered = new ArrayList<>();
        Stage result = buildStage(finalNode, Optional.empty(), byShuffle, ordered, available);
        ordered.add(result);
        return new StagePlan(List.copyOf(ordered), result);
    }

    /** Plans with no shuffle available, e.g. for explain(). */
    public StagePlan plan(Node<?> finalNode) {
        return plan(finalNode, id -> false);
    }

    private Stage buildStage(Node<?> last, Optional<ShuffleDependency> output, Map<Integer, Stage> byShuffle,
                             List<Stage> ordered, IntPredicate available) {
        List<Node<?>> pipeline = new ArrayList<>();
        List<ShuffleDependency> inputs = new ArrayList<>();
        collectPipeline(last, pipeline, inputs);
        List<Stage> parents = new ArrayList<>();
        for (ShuffleDependency input : inputs) {
            Stage parent = byShuffle.get(input.shuffleId());
            if (parent == null) {
                parent = available.test(input.shuffleId())
                        ? new Stage(stageIds.incrementAndGet(), input.parent(), Optional.of(input), List.of(), List.of(input.parent()),
                                true)
                        : buildStage(input.parent(), Optional.of(input), byShuffle, ordered, available);
                byShuffle.put(input.shuffleId(), parent);
                ordered.add(parent);
            }
            if (!parents.contains(parent)) {
                parents.add(parent);
            }
        }
        return new Stage(stageIds.incrementAndGet(), last, output, List.copyOf(parents), List.copyOf(pipeline), false);
    }

    /** The nodes reachable from {@code last} through narrow edges (parents first), and the shuffles at the boundary. */
    private static void collectPipeline(Node<?> last, List<Node<?>> pipeline, List<ShuffleDependency> inputs) {
        Set<Node<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Integer, ShuffleDependency> shuffles = new LinkedHashMap<>();
        Deque<Node<?>> post = new ArrayDeque<>();
        visit(last, seen, shuffles, post);
        pipeline.addAll(post);
        inputs.addAll(shuffles.values());
    }

    private static void visit(Node<?> node, Set<Node<?>> seen, Map<Integer, ShuffleDependency> shuffles, Deque<Node<?>> post) {
        if (!seen.add(node)) {
            return;
        }
        for (Dependency dependency : node.dependencies()) {
            if (dependency instanceof NarrowDependency narrow) {
                visit(narrow.parent(), seen, shuffles, post);
            } else if (dependency instanceof ShuffleDependency shuffle) {
                shuffles.putIfAbsent(shuffle.shuffleId(), shuffle);
            }
        }
        post.addLast(node);
    }
}
