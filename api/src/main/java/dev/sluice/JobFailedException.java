package dev.sluice;

/**
 * A job failed because one of its tasks failed on every allowed attempt. The message names the
 * job, stage, partition and attempt; the cause is the exception the user's function threw.
 */
public class JobFailedException extends SluiceException {
    private static final long serialVersionUID = 1L;
    private final int jobId;
    private final int stageId;
    private final int partition;
    private final int attempts;

    public JobFailedException(String message, int jobId, int stageId, int partition, int attempts, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
        this.stageId = stageId;
        this.partition = partition;
        this.attempts = attempts;
    }

    public int jobId() {
        return jobId;
    }

    public int stageId() {
        return stageId;
    }

    public int partition() {
        return partition;
    }

    /** How many attempts of the failing task ran. */
    public int attempts() {
        return attempts;
    }
}
