package dev.sluice.driver.scheduler;

import java.util.List;

/**
 * Where cached partitions live, so the scheduler can send a task to the executor that holds the block
 * it reads. Local mode has one executor and uses {@link #NONE}.
 */
public interface CacheLocations {

    /** No locations: every task may run anywhere. */
    CacheLocations NONE = new CacheLocations() {
        @Override
        public List<String> executorsHolding(int nodeId, int partition) {
            return List.of();
        }

        @Override
        public void executorLost(String executorId) {
        }
    };

    /** The executors that reported holding partition {@code partition} of node {@code nodeId}. */
    List<String> executorsHolding(int nodeId, int partition);

    /** Forgets what a lost executor held. */
    void executorLost(String executorId);
}
