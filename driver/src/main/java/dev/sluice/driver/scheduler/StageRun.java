package dev.sluice.driver.scheduler;

import dev.sluice.planner.Stage;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's state for one running stage: its serialized binary, the partitions still to
 * finish, the task attempts in flight and the failures per partition. Guarded by the scheduler's lock.
 */
class StageRun {
    final Stage stage;
    final byte[] binary;
    final int jobId;
    final Set<Integer> pending = new LinkedHashSet<>();
    final Map<Long, Integer> running = new HashMap<>();
    final Map<Integer, Integer> failures = new HashMap<>();
    /** Per partition, how often an attempt lost its executor while it ran (not counted in {@link #failures}). */
    final Map<Integer, Integer> executorLosses = new HashMap<>();
    final Map<Integer, byte[]> partitionBinaries = new HashMap<>();
    /** How often the stage was resubmitted after fetch failures. */
    int stageAttempt;
    /** Resubmissions whose failed fetch was from an executor not known to be lost (against sluice.stage.maxAttempts). */
    int fetchFailedAttempts;
    /** Resubmissions whose failed fetch was from an executor known to be lost (against sluice.task.maxExecutorLosses). */
    int executorLostAttempts;
    boolean launched;
    boolean finished;

    StageRun(Stage stage, byte[] binary, int jobId) {
        this.stage = stage;
        this.binary = binary;
        this.jobId = jobId;
    }

    byte[] partitionBinary(int partition) {
        return partitionBinaries.computeIfAbsent(partition, p -> StageSerializer.serializePartition(stage, p));
    }
}
