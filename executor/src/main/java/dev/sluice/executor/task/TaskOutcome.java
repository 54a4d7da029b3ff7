package dev.sluice.executor.task;

/** How a task attempt ended: with a value (a map status or the action's result), an error, or killed. */
public sealed interface TaskOutcome {

    /**
     * The task finished; {@code value} is its map status or its result ({@code executorId} holds a map
     * status's output). A remote result task's value is a {@link DeferredResult} until the scheduler
     * resolves it.
     */
    record Success(Object value, long durationNanos, String executorId) implements TaskOutcome {
    }

    /** The task threw; {@code error} is the user's exception where there is one. */
    record Failure(Throwable error) implements TaskOutcome {
    }

    /** The task was killed (job cancelled or runtime closed). */
    record Killed(String reason) implements TaskOutcome {
    }
}
