package dev.sluice.executor.task;

import java.util.List;

/**
 * One task attempt as shipped to an executor: ids, and the serialized stage and partition.
 *
 * @param taskId             unique per attempt within the application
 * @param jobId              the job that launched it (for messages)
 * @param stageId            its stage
 * @param stageAttempt       how often the stage was resubmitted before this attempt (0 at first)
 * @param partition          index of the partition it computes
 * @param attempt            0 for the first attempt of this partition
 * @param stageBinary        serialized {@link StageBinary}
 * @param partitionBinary    serialized {@link dev.sluice.spi.Partition}
 * @param mapOutputEpoch     the driver's map output epoch at launch: an executor holding older copies of
 *                           map output locations drops them
 * @param preferredExecutors executors that hold a cached block the task reads, best first (may be empty)
 */
public record TaskDescription(long taskId, int jobId, int stageId, int stageAttempt, int partition, int attempt,
                              byte[] stageBinary, byte[] partitionBinary, long mapOutputEpoch,
                              List<String> preferredExecutors) {

    /** Copies the preference list. */
    public TaskDescription {
        preferredExecutors = List.copyOf(preferredExecutors);
    }

    @Override
    public String toString() {
        return "task " + partition + "." + attempt + " of stage " + stageId + (stageAttempt > 0 ? "." + stageAttempt : "")
                + " (TID " + taskId + ")";
    }
}
