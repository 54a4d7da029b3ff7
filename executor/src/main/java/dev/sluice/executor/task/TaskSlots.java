package dev.sluice.executor.task;

import dev.sluice.common.DaemonThreads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An executor's task slots: runs tasks on a fixed pool of daemon threads and reports how each ended. Local mode's
 * backend and the executor process of the cluster modes both run their tasks here.
 */
public final class TaskSlots implements AutoCloseable {
    private final int threads;
    private final TaskRunner runner;
    private final ThreadPoolExecutor pool;
    private final Map<Long, Slot> running = new ConcurrentHashMap<>();
    /** Tasks launched and not yet ended, their outcome reported included. */
    private final AtomicInteger active = new AtomicInteger();

    /** {@code threads} slots running tasks with {@code runner}; their threads are named after {@code appId}. */
    public TaskSlots(String appId, int threads, TaskRunner runner) {
        this.threads = threads;
        this.runner = runner;
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.numbered("sluice-task-" + appId + "-"));
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** How many tasks can run at once. */
    public int totalSlots() {
        return threads;
    }

    /** Starts a task; {@code onEnd} is called exactly once, from a slot's thread, when it ends. */
    public void launch(TaskDescription task, Consumer<TaskOutcome> onEnd) {
        Slot slot = new Slot();
        running.put(task.taskId(), slot);
        active.incrementAndGet();
        pool.execute(() -> {
            try {
                TaskOutcome outcome;
                try {
                    outcome = slot.start() ? runner.run(task) : new TaskOutcome.Killed(task + " was killed before it started");
                } finally {
                    slot.finish();
                    running.remove(task.taskId());
                }
                onEnd.accept(outcome);
            } finally {
                active.decrementAndGet();
            }
        });
    }

    /** Asks a running task to stop; it then ends as {@link TaskOutcome.Killed}. */
    public void kill(long taskId) {
        Slot slot = running.get(taskId);
        if (slot != null) {
            runner.kill(taskId);
            slot.kill();
        }
    }

    /**
     * The thread a task runs on, so a kill interrupts exactly that task and never the next one
     * the thread picks up.
     */
    private static final class Slot {
        private Thread thread;
        private boolean killed;
        private boolean done;

        /** Binds the slot to the current thread; false if the task was killed before it started. */
        synchronized boolean start() {
            thread = Thread.currentThread();
            return !killed;
        }

        synchronized void kill() {
            killed = true;
            if (thread != null && !done) {
                thread.interrupt();
            }
        }

        synchronized void finish() {
            done = true;
            Thread.interrupted();
        }
    }

    /**
     * Interrupts running tasks and stops the threads. Waits (up to 10 s) only while a task has not ended, so
     * that nothing writes to the local directory after close; idle threads end on their own, without making
     * close wait for each of them to exit.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        if (active.get() == 0) {
            return;
        }
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
