package dev.sluice.driver.cluster;

import dev.sluice.SluiceException;

/** A task's executor process died or stopped answering while the task ran; the task runs again elsewhere. */
public final class ExecutorLostException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final String executorId;

    public ExecutorLostException(String executorId, String reason) {
        super("Executor " + executorId + " was lost: " + reason);
        this.executorId = executorId;
    }

    /** The lost executor. */
    public String executorId() {
        return executorId;
    }
}
