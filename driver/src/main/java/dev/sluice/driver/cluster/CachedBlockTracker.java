package dev.sluice.driver.cluster;

import dev.sluice.driver.scheduler.CacheLocations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Which executors reported storing which cached partitions. A block evicted since is still listed: the worst
 * that does is a task placed where it recomputes its input.
 */
final class CachedBlockTracker implements CacheLocations {
    private final Map<Long, Set<String>> holders = new ConcurrentHashMap<>();

    /** Records the blocks (node id in the high, partition in the low 32 bits) an executor stored. */
    void stored(String executorId, long[] blocks) {
        for (long block : blocks) {
            holders.computeIfAbsent(block, b -> new CopyOnWriteArraySet<>()).add(executorId);
        }
    }

    /** Forgets the blocks of one dataset node (unpersisted). */
    void removeNode(int nodeId) {
        holders.keySet().removeIf(block -> (int) (block >>> 32) == nodeId);
    }

    @Override
    public List<String> executorsHolding(int nodeId, int partition) {
        Set<String> found = holders.get(((long) nodeId << 32) | (partition & 0xffffffffL));
        return found == null ? List.of() : List.copyOf(found);
    }

    @Override
    public void executorLost(String executorId) {
        holders.values().forEach(set -> set.remove(executorId));
    }
}
