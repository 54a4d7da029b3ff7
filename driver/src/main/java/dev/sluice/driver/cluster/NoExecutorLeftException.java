package dev.sluice.driver.cluster;

import dev.sluice.SluiceException;

/**
 * Every executor of the application was lost and none is starting or coming, so a task cannot run. Unlike an
 * {@code ExecutorLostException}, it counts against {@code sluice.task.maxFailures}: retrying cannot help.
 */
public final class NoExecutorLeftException extends SluiceException {
    private static final long serialVersionUID = 1L;

    /** No executor is left to run {@code task}. */
    public NoExecutorLeftException(String task) {
        super("every executor of the application was lost, so " + task
                + " cannot run (local-cluster mode does not start replacements)");
    }
}
