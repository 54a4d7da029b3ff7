package dev.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.partition.HashPartitioner;
import dev.sluice.planner.TestNodes.TestNode;
import dev.sluice.common.record.Combiner;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.storage.StorageLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDescriberTest {

    private final TestNodes nodes = new TestNodes();
    private final DagPlanner planner = new DagPlanner();

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void rendersStagesOperatorsPartitionCountsShufflesAndCaching() {
        TestNode source = nodes.source(4);
        TestNode map = nodes.map("mapToPair", source);
        map.storageLevel(StorageLevel.MEMORY_ONLY);
        Combiner<Object, Object> sum = new Combiner<>(v -> v, (c, v) -> c, (c1, c2) -> c1);
        ShuffleDependency shuffle = new ShuffleDependency(map, 7, new HashPartitioner(3), TestNodes.Shape.INSTANCE, sum,
                true, null);
        TestNode reduce = nodes.shuffled("reduceByKey", shuffle);
        TestNode mapValues = nodes.map("mapValues", reduce);

        StagePlan plan = planner.plan(mapValues);
        Stage mapStage = plan.mapStages().get(0);
        Stage result = plan.result();
        String text = PlanDescriber.describe(plan).toText();

        assertThat(lines(text)).containsExactly(
                "Stage " + result.id() + ": result, 3 tasks",
                "  mapValues [3] at " + mapValues.callSite(),
                "  reduceByKey [3] at " + reduce.callSite(),
                "  <- reads shuffle 7 from stage " + mapStage.id(),
                "Stage " + mapStage.id() + ": writes shuffle 7 (HashPartitioner(3), map-side combine), 4 tasks",
                "  mapToPair [4] at " + map.callSite() + "  (cached: MEMORY_ONLY)",
                "  source [4] at " + source.callSite());
    }

    @Test
    void onlyPersistedNodesAreMarkedCachedWithTheirLevel() {
        TestNode source = nodes.source(2);
        source.storageLevel(StorageLevel.DISK_ONLY);
        TestNode map = nodes.map("map", source);
        TestNode filter = nodes.map("filter", map);
        filter.storageLevel(StorageLevel.MEMORY_AND_DISK);

        String text = PlanDescriber.describe(planner.plan(filter)).toText();

        assertThat(text).contains("filter [2] at " + filter.callSite() + "  (cached: MEMORY_AND_DISK)");
        assertThat(text).contains("source [2] at " + source.callSite() + "  (cached: DISK_ONLY)");
        assertThat(lines(text)).filteredOn(l -> l.contains("map [2]")).singleElement().asString().doesNotContain("cached");

        filter.storageLevel(StorageLevel.NONE);
        assertThat(PlanDescriber.describe(planner.plan(filter)).toText()).doesNotContain("MEMORY_AND_DISK");
    }

    @Test
    void aSinglePartitionStageHasOneTask() {
        TestNode source = nodes.source(1);

        assertThat(PlanDescriber.describe(planner.plan(source)).toText()).startsWith("Stage ").contains(": result, 1 task\n")
                .doesNotContain("tasks");
    }

    @Test
    void shuffleWithoutMapSideCombineSaysSoAndEveryStageIsRendered() {
        TestNode left = nodes.source(2);
        TestNode right = nodes.source(5);
        ShuffleDependency leftShuffle = nodes.shuffleOf(left, 6);
        ShuffleDependency rightShuffle = nodes.shuffleOf(right, 6);
        TestNode join = nodes.shuffled("join", leftShuffle, rightShuffle);

        StagePlan plan = planner.plan(join);
        String text = PlanDescriber.describe(plan).toText();

        assertThat(text).doesNotContain("map-side combine");
        for (Stage stage : plan.stages()) {
            assertThat(text).contains("Stage " + stage.id() + ": ");
        }
        assertThat(text).contains("writes shuffle " + leftShuffle.shuffleId() + " (HashPartitioner(6)), 2 tasks")
                .contains("writes shuffle " + rightShuffle.shuffleId() + " (HashPartitioner(6)), 5 tasks")
                .contains("<- reads shuffle " + leftShuffle.shuffleId() + " from stage " + plan.stages().get(0).id())
                .contains("<- reads shuffle " + rightShuffle.shuffleId() + " from stage " + plan.stages().get(1).id())
                .contains("join [6] at " + join.callSite());
        assertThat(text.indexOf("result")).isLessThan(text.indexOf("writes shuffle"));
        assertThat(lines(text)).hasSize(3 + 3 + 2);
    }
}
