package dev.sluice.planner;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a task would rather run: on an executor that holds a cached block the task reads. A pure function of the
 * lineage and of where cached blocks are, as {@link DagPlanner} is of the lineage and the available shuffles.
 */
public final class PreferredLocations {

    /** Who holds a cached block: the executors holding partition {@code partition} of node {@code nodeId}. */
    @FunctionalInterface
    public interface BlockHolders {
        /** The executors that reported holding the block; empty if none (or unknown). */
        List<String> of(int nodeId, int partition);
    }

    private PreferredLocations() {
    }

    /**
     * The executors holding a cached block the task computing {@code partition} of {@code node} would read: the
     * node's own block if it is persisted and held, else the first held block found through its narrow
     * dependencies, parents in order (a shuffle ends the search: its input comes from every map output). Empty if
     * no block it reads is cached.
     */
    public static List<String> of(Node<?> node, int partition, BlockHolders holders) {
        return search(node, partition, holders, new HashSet<>());
    }

    private static List<String> search(Node<?> node, int partition, BlockHolders holders, Set<Long> visited) {
        if (!visited.add(((long) node.id() << 32) | partition)) {
            return List.of();
        }
        if (node.storageLevel().isPersisted()) {
            List<String> held = holders.of(node.id(), partition);
            if (!held.isEmpty()) {
                return held;
            }
        }
        for (Dependency dependency : node.dependencies()) {
            if (dependency instanceof NarrowDependency narrow) {
                for (int parentPartition : narrow.parentPartitions(partition)) {
                    List<String> found = search(narrow.parent(), parentPartition, holders, visited);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
        }
        return List.of();
    }
}
