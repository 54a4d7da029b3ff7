package dev.sluice.driver.scheduler;

import dev.sluice.SluiceException;

/**
 * A task's executor process died or stopped answering while the task ran; the task runs again elsewhere. The
 * scheduler counts these against {@code sluice.task.maxExecutorLosses}, not {@code sluice.task.maxFailures}: an
 * executor killed from outside, or lost with its host, says nothing about the task.
 */
public final class ExecutorLostException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final String executorId;

    /** The executor {@code executorId} was lost, for {@code reason}. */
    public ExecutorLostException(String executorId, String reason) {
        super("Executor " + executorId + " was lost: " + reason);
        this.executorId = executorId;
    }

    /** The lost executor. */
    public String executorId() {
        return executorId;
    }
}
