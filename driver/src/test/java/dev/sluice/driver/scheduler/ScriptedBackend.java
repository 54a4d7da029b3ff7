package dev.sluice.driver.scheduler;

import dev.sluice.common.DaemonThreads;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.executor.task.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link SchedulerBackend} for tests. It records every launched attempt; an attempt either gets a
 * scripted outcome, runs through a real {@link TaskRunner} on the backend's own threads, or (when
 * holding) waits in {@link #held} until the test runs or kills it.
 */
final class ScriptedBackend implements SchedulerBackend {

    /** A launched attempt that waits for the test. */
    record Held(TaskDescription task, Consumer<TaskOutcome> onEnd) {
    }

    private final TaskRunner runner;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("scripted-backend"));
    final List<TaskDescription> launched = new CopyOnWriteArrayList<>();
    final List<Long> killed = new CopyOnWriteArrayList<>();
    final List<TaskOutcome> outcomes = new CopyOnWriteArrayList<>();
    final BlockingQueue<Held> held = new LinkedBlockingQueue<>();
    private final Map<Long, Held> holding = new ConcurrentHashMap<>();
    private volatile Function<TaskDescription, TaskOutcome> script = task -> null;
    private volatile boolean hold;

    ScriptedBackend(TaskRunner runner) {
        this.runner = runner;
    }

    /** A backend that runs nothing: for tests that only look at what is launched and killed. */
    ScriptedBackend() {
        this(null);
        hold(true);
    }

    /** Outcomes to give instead of running the task; null runs it for real. */
    void script(Function<TaskDescription, TaskOutcome> script) {
        this.script = script;
    }

    /** Whether launched attempts wait in {@link #held} for the test. */
    void hold(boolean hold) {
        this.hold = hold;
    }

    @Override
    public int totalSlots() {
        return 2;
    }

    @Override
    public void launch(TaskDescription task, Consumer<TaskOutcome> onEnd) {
        launched.add(task);
        if (hold) {
            Held h = new Held(task, onEnd);
            holding.put(task.taskId(), h);
            held.add(h);
            return;
        }
        threads.execute(() -> onEnd.accept(outcome(task)));
    }

    private TaskOutcome outcome(TaskDescription task) {
        TaskOutcome scripted = script.apply(task);
        TaskOutcome outcome = scripted != null ? scripted : runner.run(task);
        outcomes.add(outcome);
        return outcome;
    }

    /** Runs a held attempt now, on a backend thread. */
    void release(Held h) {
        if (holding.remove(h.task().taskId()) != null) {
            threads.execute(() -> h.onEnd().accept(outcome(h.task())));
        }
    }

    /** Waits for the next held attempt. */
    Held nextHeld() throws InterruptedException {
        Held h = held.poll(10, TimeUnit.SECONDS);
        if (h == null) {
            throw new AssertionError("no task was launched within 10 s; launched so far: " + launched);
        }
        return h;
    }

    @Override
    public void kill(long taskId) {
        killed.add(taskId);
        if (runner != null) {
            runner.kill(taskId);
        }
        Held h = holding.remove(taskId);
        if (h != null) {
            threads.execute(() -> h.onEnd().accept(new TaskOutcome.Killed("killed by the test backend")));
        }
    }

    /** The attempts launched for one partition of one stage, in launch order. */
    List<Integer> attempts(int stageId, int partition) {
        List<Integer> out = new ArrayList<>();
        for (TaskDescription t : launched) {
            if (t.stageId() == stageId && t.partition() == partition) {
                out.add(t.attempt());
            }
        }
        return out;
    }

    long launchedForStage(int stageId) {
        return launched.stream().filter(t -> t.stageId() == stageId).count();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
