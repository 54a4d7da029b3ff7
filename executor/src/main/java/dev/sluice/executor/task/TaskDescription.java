package dev.sluice.executor.task;

/**
 * One task attempt as shipped to an executor: ids, and the serialized stage and partition.
 *
 * @param taskId      unique per attempt within the application
 * @param jobId       the job that launched it (for messages)
 * @param stageId     its stage
 * @param partition   index of the partition it computes
 * @param attempt     0 for the first attempt
 * @param stageBinary serialized {@link StageBinary}
 * @param partitionBinary serialized {@link dev.sluice.spi.Partition}
 */
public record TaskDescription(long taskId, int jobId, int stageId, int partition, int attempt, byte[] stageBinary,
                              byte[] partitionBinary) {

    @Override
    public String toString() {
        return "task " + partition + "." + attempt + " of stage " + stageId + " (TID " + taskId + ")";
    }
}
