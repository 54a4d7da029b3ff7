package dev.sluice.executor.storage;

/** Names one cached partition: partition {@code partition} of lineage node {@code nodeId}. */
public record BlockId(int nodeId, int partition) {
    @Override
    public String toString() {
        return "rdd_" + nodeId + "_" + partition;
    }
}
