package dev.sluice.driver.local;

import dev.sluice.driver.scheduler.SchedulerBackend;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.executor.task.TaskRunner;
import dev.sluice.executor.task.TaskSlots;

import java.util.function.Consumer;

/** Local mode's backend: the scheduler's tasks run in {@link TaskSlots} of this JVM. */
public final class LocalBackend implements SchedulerBackend {
    private final TaskSlots slots;

    /** {@code threads} slots running tasks with {@code runner}. */
    public LocalBackend(String appId, int threads, TaskRunner runner) {
        this.slots = new TaskSlots(appId, threads, runner);
    }

    @Override
    public int totalSlots() {
        return slots.totalSlots();
    }

    @Override
    public void launch(TaskDescription task, Consumer<TaskOutcome> onEnd) {
        slots.launch(task, onEnd);
    }

    @Override
    public void kill(long taskId) {
        slots.kill(taskId);
    }

    @Override
    public void close() {
        slots.close();
    }
}
