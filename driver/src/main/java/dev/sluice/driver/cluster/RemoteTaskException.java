package dev.sluice.driver.cluster;

import dev.sluice.SluiceException;

/**
 * A task failed on an executor with an error the driver cannot rebuild (its class does not serialize or does
 * not load here); the message holds the error's class, message and stack trace as the executor printed them.
 */
public final class RemoteTaskException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public RemoteTaskException(String executorId, String description) {
        super("on executor " + executorId + ": " + description);
    }
}
