package dev.sluice.driver.scheduler;

import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;

import java.util.function.Consumer;

/**
 * Where the scheduler's tasks run: a thread pool in local mode, executor processes in a cluster.
 * The scheduler decides what runs; the backend only runs it and reports how it ended.
 */
public interface SchedulerBackend extends AutoCloseable {

    /** How many tasks can run at once. */
    int totalSlots();

    /** Starts a task; {@code onEnd} is called exactly once, from any thread, when it ends. */
    void launch(TaskDescription task, Consumer<TaskOutcome> onEnd);

    /** Asks a running task to stop; it then ends as {@link TaskOutcome.Killed}. */
    void kill(long taskId);

    /** Stops all tasks and threads. */
    @Override
    void close();
}
