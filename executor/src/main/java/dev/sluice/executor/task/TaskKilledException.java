package dev.sluice.executor.task;

/** Thrown inside a task whose job was cancelled, to unwind it quickly. */
public final class TaskKilledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskKilledException(String message) {
        super(message, null, false, false);
    }
}
