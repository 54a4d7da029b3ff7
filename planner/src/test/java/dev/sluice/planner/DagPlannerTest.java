package dev.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.planner.TestNodes.TestNode;
import dev.sluice.planner.TestNodes.Untouchable;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.ShuffleDependency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DagPlannerTest {

    private final TestNodes nodes = new TestNodes();
    private final DagPlanner planner = new DagPlanner();

    /** Checks what every plan must satisfy: parents before children, result last, unique ids and shuffles. */
    private static StagePlan checked(StagePlan plan) {
        List<Stage> stages = plan.stages();
        assertThat(stages).isNotEmpty();
        assertThat(stages.get(stages.size() - 1)).isSameAs(plan.result());
        assertThat(plan.result().isShuffleMap()).isFalse();
        assertThat(plan.mapStages()).hasSize(stages.size() - 1).allMatch(Stage::isShuffleMap);
        Set<Integer> ids = new HashSet<>();
        Set<Integer> shuffles = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            assertThat(ids.add(stage.id())).as("unique stage id %s", stage.id()).isTrue();
            if (stage.isShuffleMap()) {
                assertThat(shuffles.add(stage.shuffleId())).as("one stage per shuffle %s", stage.shuffleId()).isTrue();
            }
            for (Stage parent : stage.parents()) {
                assertThat(stages.subList(0, i)).as("parents of %s come first", stage).contains(parent);
            }
            assertThat(stage.pipeline()).isNotEmpty();
            assertThat(stage.pipeline().get(stage.pipeline().size() - 1)).isSameAs(stage.node());
        }
        return plan;
    }

    private static int indexOf(List<Node<?>> pipeline, Node<?> node) {
        for (int i = 0; i < pipeline.size(); i++) {
            if (pipeline.get(i) == node) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ narrow lineages

    @Test
    void aSourceAloneIsOneResultStage() {
        TestNode source = nodes.source(3);

        StagePlan plan = checked(planner.plan(source));

        assertThat(plan.stages()).hasSize(1);
        Stage result = plan.result();
        assertThat(result.node()).isSameAs(source);
        assertThat(result.pipeline()).containsExactly(source);
        assertThat(result.parents()).isEmpty();
        assertThat(result.output()).isEmpty();
        assertThat(result.shuffleId()).isEqualTo(-1);
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(plan.mapStages()).isEmpty();
    }

    @Test
    void aNarrowChainIsPipelinedIntoOneStageParentsFirst() {
        TestNode source = nodes.source(4);
        TestNode map = nodes.map("map", source);
        TestNode filter = nodes.map("filter", map);
        TestNode flatMap = nodes.map("flatMap", filter);

        StagePlan plan = checked(planner.plan(flatMap));

        assertThat(plan.stages()).hasSize(1);
        assertThat(plan.result().pipeline()).containsExactly(source, map, filter, flatMap);
        assertThat(plan.result().numPartitions()).isEqualTo(4);
    }

    @Test
    void aNodeReachedTwiceThroughNarrowEdgesIsInThePipelineOnce() {
        TestNode source = nodes.source(2);
        TestNode left = nodes.map("left", source);
        TestNode right = nodes.map("right", source);
        TestNode union = nodes.narrowOf("union", left, right, source);

        StagePlan plan = checked(planner.plan(union));

        List<Node<?>> pipeline = plan.result().pipeline();
        assertThat(pipeline).hasSize(4).containsOnlyOnce(source, left, right, union);
        assertThat(indexOf(pipeline, source)).isLessThan(indexOf(pipeline, left)).isLessThan(indexOf(pipeline, union));
        assertThat(indexOf(pipeline, right)).isLessThan(indexOf(pipeline, union));
    }

    @Test
    void narrowDependencyKindsOtherThanOneToOneArePipelinedToo() {
        TestNode source = nodes.source(6);
        TestNode coalesced = nodes.mixed("coalesce", 2, NarrowDependency.grouped(source, new int[][] {{0, 1, 2}, {3, 4, 5}}));
        TestNode other = nodes.source(2);
        TestNode union = nodes.mixed("union", 4, NarrowDependency.range(coalesced, 0, 0, 2),
                NarrowDependency.range(other, 0, 2, 2));

        StagePlan plan = checked(planner.plan(union));

        assertThat(plan.stages()).hasSize(1);
        assertThat(plan.result().pipeline()).containsExactlyInAnyOrder(source, coalesced, other, union);
        assertThat(plan.result().numPartitions()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ shuffles

    @Test
    void aShuffleCutsTheLineageIntoAMapStageAndAResultStage() {
        TestNode source = nodes.source(4);
        TestNode map = nodes.map("map", source);
        ShuffleDependency shuffle = nodes.shuffleOf(map, 3);
        TestNode reduce = nodes.shuffled("reduceByKey", shuffle);
        TestNode mapValues = nodes.map("mapValues", reduce);

        StagePlan plan = checked(planner.plan(mapValues));

        assertThat(plan.stages()).hasSize(2);
        Stage mapStage = plan.stages().get(0);
        assertThat(mapStage.isShuffleMap()).isTrue();
        assertThat(mapStage.output()).containsSame(shuffle);
        assertThat(mapStage.shuffleId()).isEqualTo(shuffle.shuffleId());
        assertThat(mapStage.node()).isSameAs(map);
        assertThat(mapStage.pipeline()).containsExactly(source, map);
        assertThat(mapStage.numPartitions()).isEqualTo(4);
        assertThat(mapStage.parents()).isEmpty();

        Stage result = plan.result();
        assertThat(result.node()).isSameAs(mapValues);
        assertThat(result.pipeline()).containsExactly(reduce, mapValues);
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(result.parents()).containsExactly(mapStage);
        assertThat(plan.mapStages()).containsExactly(mapStage);
    }

    @Test
    void eachShuffleInAChainCutsAnotherStage() {
        TestNode source = nodes.source(5);
        TestNode first = nodes.shuffled("first", source, 4);
        TestNode second = nodes.shuffled("second", nodes.map("map", first), 3);
        TestNode third = nodes.shuffled("third", second, 2);

        StagePlan plan = checked(planner.plan(third));

        List<Stage> stages = plan.stages();
        assertThat(stages).hasSize(4);
        assertThat(stages).extracting(Stage::numPartitions).containsExactly(5, 4, 3, 2);
        assertThat(stages.get(0).pipeline()).containsExactly(source);
        assertThat(stages.get(1).pipeline()).extracting(Node::operator).containsExactly("first", "map");
        assertThat(stages.get(2).pipeline()).containsExactly(second);
        assertThat(stages.get(3).pipeline()).containsExactly(third);
        for (int i = 1; i < 4; i++) {
            assertThat(stages.get(i).parents()).containsExactly(stages.get(i - 1));
        }
    }

    @Test
    void independentShufflesOfAJoinAreSeparateParentStagesBeforeTheResult() {
        TestNode left = nodes.map("left", nodes.source(2));
        TestNode right = nodes.map("right", nodes.source(3));
        ShuffleDependency leftShuffle = nodes.shuffleOf(left, 4);
        ShuffleDependency rightShuffle = nodes.shuffleOf(right, 4);
        TestNode join = nodes.shuffled("join", leftShuffle, rightShuffle);

        StagePlan plan = checked(planner.plan(join));

        assertThat(plan.stages()).hasSize(3);
        assertThat(plan.result().parents()).extracting(Stage::shuffleId)
                .containsExactly(leftShuffle.shuffleId(), rightShuffle.shuffleId());
        assertThat(plan.mapStages()).extracting(Stage::node).containsExactlyInAnyOrder(left, right);
        assertThat(plan.result().pipeline()).containsExactly(join);
    }

    @Test
    void aShuffleReadTwiceByOneNodeGetsOneStage() {
        // self-join shape: both sides of the join read the same shuffle
        TestNode map = nodes.map("keyBy", nodes.source(3));
        ShuffleDependency shuffle = nodes.shuffleOf(map, 2);
        TestNode selfJoin = nodes.shuffled("selfJoin", shuffle, shuffle);

        StagePlan plan = checked(planner.plan(selfJoin));

        assertThat(plan.stages()).hasSize(2);
        assertThat(plan.mapStages()).singleElement().extracting(Stage::shuffleId).isEqualTo(shuffle.shuffleId());
        assertThat(plan.result().parents()).hasSize(1);
    }

    @Test
    void aShuffleReachedThroughTwoStagesGetsOneStageSharedByBoth() {
        TestNode source = nodes.source(4);
        ShuffleDependency base = nodes.shuffleOf(source, 3);
        TestNode reduced = nodes.shuffled("reduceByKey", base);
        TestNode left = nodes.map("left", reduced);
        TestNode right = nodes.map("right", reduced);
        ShuffleDependency leftShuffle = nodes.shuffleOf(left, 2);
        ShuffleDependency rightShuffle = nodes.shuffleOf(right, 2);
        TestNode join = nodes.shuffled("join", leftShuffle, rightShuffle);

        StagePlan plan = checked(planner.plan(join));

        assertThat(plan.stages()).hasSize(4);
        List<Stage> writingBase = plan.stages().stream().filter(s -> s.shuffleId() == base.shuffleId()).toList();
        assertThat(writingBase).hasSize(1);
        Stage baseStage = writingBase.get(0);
        assertThat(plan.stages().get(0)).isSameAs(baseStage);
        Stage leftStage = plan.result().parents().get(0);
        Stage rightStage = plan.result().parents().get(1);
        assertThat(leftStage.shuffleId()).isEqualTo(leftShuffle.shuffleId());
        assertThat(rightStage.shuffleId()).isEqualTo(rightShuffle.shuffleId());
        assertThat(leftStage.parents()).singleElement().isSameAs(baseStage);
        assertThat(rightStage.parents()).singleElement().isSameAs(baseStage);
    }

    @Test
    void aShuffledNodeReadTwiceNarrowlyIsOneParentStage() {
        TestNode reduced = nodes.shuffled("reduceByKey", nodes.source(2), 3);
        TestNode union = nodes.narrowOf("union", nodes.map("a", reduced), nodes.map("b", reduced));

        StagePlan plan = checked(planner.plan(union));

        assertThat(plan.stages()).hasSize(2);
        assertThat(plan.result().parents()).hasSize(1);
        assertThat(plan.result().pipeline()).containsOnlyOnce(reduced).hasSize(4);
    }

    @Test
    void aNodeMixingNarrowAndShuffleParentsPipelinesTheNarrowOnes() {
        TestNode partitioned = nodes.map("alreadyPartitioned", nodes.source(3));
        TestNode other = nodes.map("other", nodes.source(5));
        ShuffleDependency otherShuffle = nodes.shuffleOf(other, 3);
        TestNode cogroup = nodes.mixed("cogroup", 3, NarrowDependency.oneToOne(partitioned), otherShuffle);

        StagePlan plan = checked(planner.plan(cogroup));

        assertThat(plan.stages()).hasSize(2);
        assertThat(plan.mapStages().get(0).node()).isSameAs(other);
        assertThat(plan.result().pipeline()).contains(partitioned, cogroup).doesNotContain(other);
        assertThat(plan.result().pipeline()).hasSize(3);
    }

    @Test
    void complexLineageIsOrderedParentsFirstWithTheResultLast() {
        TestNode a = nodes.shuffled("a", nodes.source(2), 2);
        TestNode b = nodes.shuffled("b", nodes.map("m", a), 3);
        TestNode c = nodes.shuffled("c", nodes.source(4), 3);
        TestNode d = nodes.shuffled("d", nodes.shuffleOf(b, 2), nodes.shuffleOf(c, 2), nodes.shuffleOf(a, 2));
        TestNode e = nodes.shuffled("e", nodes.map("last", d), 1);

        StagePlan plan = checked(planner.plan(e));

        assertThat(plan.stages()).hasSize(8);
        assertThat(plan.result().node()).isSameAs(e);
        assertThat(plan.result().numPartitions()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ available shuffles

    @Test
    void anAvailableShuffleIsPlannedButTheLineageAboveItIsNot() {
        Untouchable computedBefore = new Untouchable(nodes.nextId(), 4);
        ShuffleDependency shuffle = nodes.shuffleOf(computedBefore, 2);
        TestNode reduce = nodes.shuffled("reduceByKey", shuffle);
        TestNode result = nodes.map("map", reduce);

        StagePlan plan = checked(planner.plan(result, id -> id == shuffle.shuffleId()));

        assertThat(plan.stages()).hasSize(2);
        Stage available = plan.mapStages().get(0);
        assertThat(available.shuffleId()).isEqualTo(shuffle.shuffleId());
        assertThat(available.parents()).isEmpty();
        assertThat(available.pipeline()).containsExactly(computedBefore);
        assertThat(available.skipped()).isTrue();
        assertThat(plan.result().skipped()).isFalse();
        assertThat(PlanDescriber.describe(plan).toText()).contains("skipped: output already written");
        assertThat(plan.result().parents()).containsExactly(available);
        assertThat(plan.result().pipeline()).containsExactly(reduce, result);
    }

    @Test
    void shufflesAboveAnAvailableShuffleAreNeitherPlannedNorQueried() {
        TestNode source = nodes.source(3);
        ShuffleDependency first = nodes.shuffleOf(source, 3);
        TestNode firstReduce = nodes.shuffled("first", first);
        TestNode mapped = nodes.map("map", firstReduce);
        ShuffleDependency second = nodes.shuffleOf(mapped, 2);
        TestNode secondReduce = nodes.shuffled("second", second);
        List<Integer> asked = new ArrayList<>();

        StagePlan plan = checked(planner.plan(secondReduce, id -> {
            asked.add(id);
            return id == second.shuffleId();
        }));

        assertThat(plan.stages()).extracting(Stage::shuffleId).containsExactly(second.shuffleId(), -1);
        assertThat(asked).containsOnly(second.shuffleId());

        StagePlan full = checked(planner.plan(secondReduce, id -> false));
        assertThat(full.stages()).extracting(Stage::shuffleId).containsExactly(first.shuffleId(), second.shuffleId(), -1);
        assertThat(full.stages().get(1).pipeline()).containsExactly(firstReduce, mapped);
    }

    @Test
    void onlyTheAvailableSideOfAJoinIsCutShort() {
        Untouchable leftParent = new Untouchable(nodes.nextId(), 2);
        ShuffleDependency left = nodes.shuffleOf(leftParent, 3);
        TestNode rightSource = nodes.source(5);
        TestNode rightParent = nodes.map("right", rightSource);
        ShuffleDependency right = nodes.shuffleOf(rightParent, 3);
        TestNode join = nodes.shuffled("join", left, right);

        StagePlan plan = checked(planner.plan(join, id -> id == left.shuffleId()));

        assertThat(plan.stages()).hasSize(3);
        Stage leftStage = plan.result().parents().get(0);
        Stage rightStage = plan.result().parents().get(1);
        assertThat(leftStage.pipeline()).containsExactly(leftParent);
        assertThat(rightStage.pipeline()).containsExactly(rightSource, rightParent);
    }

    @Test
    void planWithoutPredicateTreatsNoShuffleAsAvailable() {
        TestNode reduce = nodes.shuffled("reduce", nodes.source(2), 2);

        assertThat(checked(planner.plan(reduce)).stages()).hasSize(2);
    }

    // ------------------------------------------------------------------ ids

    @Test
    void stageIdsAreUniqueAcrossPlansOfOnePlanner() {
        TestNode reduce = nodes.shuffled("reduce", nodes.source(2), 2);
        Set<Integer> ids = new HashSet<>();

        for (int i = 0; i < 5; i++) {
            for (Stage stage : checked(planner.plan(reduce)).stages()) {
                assertThat(ids.add(stage.id())).isTrue();
            }
        }
        assertThat(ids).hasSize(10);
    }

    @Test
    void concurrentPlansGetDistinctStageIds() throws Exception {
        TestNode lineage = nodes.shuffled("c", nodes.shuffled("b", nodes.shuffled("a", nodes.source(2), 2), 2), 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<Integer>>> jobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                jobs.add(() -> {
                    List<Integer> ids = new ArrayList<>();
                    for (int j = 0; j < 200; j++) {
                        checked(planner.plan(lineage)).stages().forEach(s -> ids.add(s.id()));
                    }
                    return ids;
                });
            }
            Set<Integer> all = new HashSet<>();
            int count = 0;
            for (Future<List<Integer>> f : pool.invokeAll(jobs)) {
                all.addAll(f.get());
                count += f.get().size();
            }
            assertThat(count).isEqualTo(8 * 200 * 4);
            assertThat(all).hasSize(count);
        } finally {
            pool.shutdownNow();
        }
    }
}
