package dev.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.planner.TestNodes.TestNode;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.storage.StorageLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferredLocationsTest {

    private final TestNodes nodes = new TestNodes();
    private final Map<String, List<String>> held = new HashMap<>();

    private void hold(TestNode node, int partition, String... executors) {
        held.put(node.id() + "/" + partition, List.of(executors));
    }

    private List<String> preferred(TestNode node, int partition) {
        return PreferredLocations.of(node, partition, (id, p) -> held.getOrDefault(id + "/" + p, List.of()));
    }

    @Test
    void aTaskReadingNothingCachedMayRunAnywhere() {
        TestNode map = nodes.map("map", nodes.source(2));

        assertThat(preferred(map, 0)).isEmpty();
    }

    @Test
    void aPersistedNodeWhoseBlockIsHeldPrefersItsHolders() {
        TestNode cached = nodes.map("cached", nodes.source(2));
        cached.storageLevel(StorageLevel.MEMORY_ONLY);
        hold(cached, 1, "exec-2", "exec-3");

        assertThat(preferred(cached, 1)).containsExactly("exec-2", "exec-3");
        assertThat(preferred(cached, 0)).isEmpty();
    }

    @Test
    void aBlockHeldForANodeThatIsNoLongerPersistedIsIgnored() {
        TestNode unpersisted = nodes.map("unpersisted", nodes.source(2));
        hold(unpersisted, 0, "exec-1");

        assertThat(preferred(unpersisted, 0)).isEmpty();
    }

    @Test
    void theSearchFollowsNarrowDependenciesToTheSamePartitionOfACachedAncestor() {
        TestNode cached = nodes.map("cached", nodes.source(3));
        cached.storageLevel(StorageLevel.MEMORY_ONLY);
        hold(cached, 2, "exec-7");
        TestNode child = nodes.map("child", nodes.map("middle", cached));

        assertThat(preferred(child, 2)).containsExactly("exec-7");
        assertThat(preferred(child, 1)).isEmpty();
    }

    @Test
    void theNodesOwnBlockWinsOverAnAncestors() {
        TestNode ancestor = nodes.map("ancestor", nodes.source(1));
        ancestor.storageLevel(StorageLevel.MEMORY_ONLY);
        hold(ancestor, 0, "exec-1");
        TestNode cached = nodes.map("cached", ancestor);
        cached.storageLevel(StorageLevel.DISK_ONLY);
        hold(cached, 0, "exec-2");

        assertThat(preferred(cached, 0)).containsExactly("exec-2");
    }

    @Test
    void aShuffleEndsTheSearch() {
        TestNode cached = nodes.map("cached", nodes.source(2));
        cached.storageLevel(StorageLevel.MEMORY_ONLY);
        hold(cached, 0, "exec-1");
        TestNode reduced = nodes.shuffled("reduced", cached, 2);

        assertThat(preferred(reduced, 0)).isEmpty();
    }

    @Test
    void theFirstParentWithAHeldBlockWins() {
        TestNode left = nodes.map("left", nodes.source(1));
        TestNode right = nodes.map("right", nodes.source(1));
        left.storageLevel(StorageLevel.MEMORY_ONLY);
        right.storageLevel(StorageLevel.MEMORY_ONLY);
        hold(right, 0, "exec-right");
        TestNode both = nodes.mixed("zip", 1, NarrowDependency.oneToOne(left), NarrowDependency.oneToOne(right));

        assertThat(preferred(both, 0)).containsExactly("exec-right");
        hold(left, 0, "exec-left");
        assertThat(preferred(both, 0)).containsExactly("exec-left");
    }
}
