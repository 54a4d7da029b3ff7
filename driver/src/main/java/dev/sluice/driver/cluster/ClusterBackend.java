package dev.sluice.driver.cluster;

import dev.sluice.SluiceException;
import dev.sluice.common.DaemonThreads;
import dev.sluice.driver.scheduler.ExecutorLostException;
import dev.sluice.driver.scheduler.SchedulerBackend;
import dev.sluice.executor.protocol.ClusterMessages.Heartbeat;
import dev.sluice.executor.protocol.ClusterMessages.KillTask;
import dev.sluice.executor.protocol.ClusterMessages.LaunchTask;
import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.executor.protocol.ClusterMessages.StopExecutor;
import dev.sluice.executor.protocol.ClusterMessages.TaskFailed;
import dev.sluice.executor.protocol.ClusterMessages.TaskFinished;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.network.liveness.SilenceDetector;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.serializer.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The driver's view of its executor processes, as a {@link SchedulerBackend}: queues tasks, gives each free
 * task slot the next task (preferring one whose cached input that executor holds), turns executors' reports
 * into task outcomes, and declares an executor lost when its process exits, its connection fails, or its
 * heartbeats stop; its running tasks then fail with {@link ExecutorLostException} and the scheduler is told.
 *
 * <p>This class dispatches tasks and owns the lock; the other concerns are apart: {@link ExecutorRegistry} knows
 * which executors are registered and alive, {@link TaskReports} turns reports into outcomes, {@link LocalityQueue}
 * orders the waiting tasks, {@link OutcomePool} hands outcomes over. The registry and the queue stay guarded by
 * this object's lock, as the running tasks are: registering or losing an executor changes the slots, the queue and
 * the running tasks at once. Outcomes are handed to the scheduler on the pool, never under this lock or on a
 * network thread, since the scheduler may fetch and deserialize a large result.
 */
final class ClusterBackend implements SchedulerBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBackend.class);

    private final TaskReports reports;
    private final ExecutorRegistry executors;
    private final ExecutorMetricsMirror metrics;
    private final CachedBlockTracker cache;
    private final LocalityQueue<Queued> queue;
    private final Map<Long, Running> running = new HashMap<>();
    private final OutcomePool outcomes = new OutcomePool();
    private final ScheduledExecutorService monitor;
    private volatile Consumer<String> lossListener = id -> { };
    private volatile boolean closed;
    private volatile String abortReason;

    private record Queued(TaskDescription task, Consumer<TaskOutcome> onEnd) {
    }

    /** A task sent to an executor; {@code killRequested} once the scheduler asked to kill it. */
    private static final class Running {
        final TaskDescription task;
        final Consumer<TaskOutcome> onEnd;
        final ExecutorRef executor;
        volatile boolean killRequested;

        Running(TaskDescription task, Consumer<TaskOutcome> onEnd, ExecutorRef executor) {
            this.task = task;
            this.onEnd = onEnd;
            this.executor = executor;
        }

        TaskDescription task() {
            return task;
        }

        Consumer<TaskOutcome> onEnd() {
            return onEnd;
        }

        ExecutorRef executor() {
            return executor;
        }
    }

    /**
     * @param heartbeatTimeout how long an executor may stay silent before it is declared lost
     * @param localityWait how long a task waits for an executor holding its cached input, counted from when it was
     *     queued or when that executor last started a task that preferred it, whichever is later
     */
    ClusterBackend(ControlSerializer control, Serializer data, ClassLoader loader, Duration heartbeatTimeout,
                   Duration localityWait, ExecutorMetricsMirror metrics, CachedBlockTracker cache,
                   boolean replacementsComing) {
        this.reports = new TaskReports(control, data, loader);
        this.queue = new LocalityQueue<>(queued -> queued.task().preferredExecutors(), localityWait.toNanos(),
                System::nanoTime);
        this.metrics = metrics;
        this.cache = cache;
        this.monitor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-executor-monitor"));
        long period = Math.max(50, heartbeatTimeout.toMillis() / 4);
        this.executors = new ExecutorRegistry(new SilenceDetector<>(heartbeatTimeout, Duration.ofMillis(period)),
                replacementsComing);
        monitor.scheduleWithFixedDelay(this::checkExecutors, period, period, TimeUnit.MILLISECONDS);
    }

    /** Called with the id of every executor declared lost, after its tasks were failed. */
    void onExecutorLost(Consumer<String> listener) {
        this.lossListener = listener;
    }

    /** Allows an executor id to register (the driver or a worker launched it). */
    synchronized void expect(String executorId) {
        executors.expect(executorId);
    }

    /**
     * Registers an executor that connected back; false (and logged) if its id was not expected or is taken.
     *
     * @param peer the address of the executor's own connection to the driver, whose every message counts as a sign
     *     of the executor's life
     */
    synchronized boolean register(RegisterExecutor registration, MessageClient client, SocketAddress peer) {
        ExecutorRef executor = closed ? null : executors.register(registration, client, peer);
        if (executor == null) {
            LOG.warn("Refused the registration of an unexpected executor {} from {}:{}", registration.executorId(),
                    registration.host(), registration.port());
            return false;
        }
        queue.executorAdded(executor.id);
        client.transport().closeFuture().whenComplete((done, error) ->
                executorLost(executor.id, "its connection closed"));
        LOG.info("Registered {} with {} task threads", executor, executor.cores);
        notifyAll();
        dispatch();
        return true;
    }

    /** Waits until {@code count} executors are registered; false on timeout. */
    synchronized boolean awaitExecutors(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executors.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The registered executors' ids. */
    synchronized List<String> executorIds() {
        return executors.ids();
    }

    /** The (unresolved) addresses of the registered executors' listeners, by id. */
    synchronized Map<String, InetSocketAddress> addresses() {
        return executors.addresses();
    }

    @Override
    public synchronized int totalSlots() {
        return executors.totalSlots();
    }

    @Override
    public void launch(TaskDescription task, Consumer<TaskOutcome> onEnd) {
        String aborted = abortReason;
        if (aborted != null) {
            outcomes.deliver(() -> onEnd.accept(new TaskOutcome.Failure(new SluiceException(aborted))));
            return;
        }
        synchronized (this) {
            if (!closed && !executors.noneLeft()) {
                // A retry goes first: its stage cannot finish without it, and it waited once already.
                queue.add(new Queued(task, onEnd), task.attempt() > 0);
                dispatch();
                return;
            }
        }
        outcomes.deliver(() -> onEnd.accept(closed ? new TaskOutcome.Killed("the cluster backend is closed")
                : new TaskOutcome.Failure(noExecutorsError(task))));
    }

    private static NoExecutorLeftException noExecutorsError(TaskDescription task) {
        return new NoExecutorLeftException(task.toString());
    }

    /** Fills free slots from the queue; called under the lock whenever a slot frees or a task arrives. */
    private void dispatch() {
        for (ExecutorRef executor : executors.all()) {
            while (executor.freeSlots() > 0 && !queue.isEmpty()) {
                Queued next = queue.pollFor(executor.id);
                if (next == null) {
                    break;
                }
                start(next, executor);
            }
        }
    }

    private void start(Queued queued, ExecutorRef executor) {
        TaskDescription task = queued.task();
        executor.tasks.add(task.taskId());
        running.put(task.taskId(), new Running(task, queued.onEnd(), executor));
        LaunchTask launch = new LaunchTask(task.taskId(), task.jobId(), task.stageId(), task.stageAttempt(),
                task.partition(), task.attempt(), task.stageBinary(), task.partitionBinary(), task.mapOutputEpoch());
        executor.client.tell(launch).whenComplete((sent, error) -> {
            if (error != null) {
                // Not here: a send that fails at once completes under the lock, in the middle of dispatch().
                outcomes.deliver(() -> executorLost(executor.id, "cannot send it " + task + ": " + error.getMessage()));
            }
        });
    }

    @Override
    public void kill(long taskId) {
        Queued removed = null;
        synchronized (this) {
            Running task = running.get(taskId);
            if (task != null) {
                task.killRequested = true;
                task.executor().client.tell(new KillTask(taskId));
                return;
            }
            removed = queue.remove(queued -> queued.task().taskId() == taskId);
        }
        if (removed != null) {
            Queued killed = removed;
            outcomes.deliver(() -> killed.onEnd().accept(new TaskOutcome.Killed(killed.task() + " was killed before it started")));
        }
    }

    /** An executor reported a finished task. */
    void finished(TaskFinished report) {
        Running task = taskEnded(report.taskId(), report.executorId());
        if (task == null) {
            return;
        }
        metrics.update(report.executorId(), report.metrics());
        metrics.taskFinished(report.executorId(), report.durationNanos());
        cache.stored(report.executorId(), report.cachedBlocks());
        end(task, reports.finished(report, task.executor().client));
    }

    /** An executor reported a failed or killed task. */
    void failed(TaskFailed report) {
        Running task = taskEnded(report.taskId(), report.executorId());
        if (task == null) {
            return;
        }
        metrics.update(report.executorId(), report.metrics());
        end(task, reports.failed(report, task.task(), task.killRequested));
    }

    /**
     * Frees the task's slot (a report is also a sign of its executor's life); null if the task is unknown (its
     * executor was declared lost already).
     */
    private synchronized Running taskEnded(long taskId, String executorId) {
        Running task = running.get(taskId);
        if (task == null || !task.executor().id.equals(executorId)) {
            return null;
        }
        running.remove(taskId);
        task.executor().tasks.remove(taskId);
        executors.heard(executorId);
        dispatch();
        return task;
    }

    private void end(Running task, TaskOutcome outcome) {
        outcomes.deliver(() -> task.onEnd().accept(outcome));
    }

    /** Whether the executor is registered; its heartbeat counts as a sign of life. */
    boolean heartbeat(Heartbeat heartbeat) {
        synchronized (this) {
            if (!executors.isRegistered(heartbeat.executorId())) {
                return false;
            }
        }
        executors.heard(heartbeat.executorId());
        metrics.update(heartbeat.executorId(), heartbeat.metrics());
        return true;
    }

    /** A message arrived on the connection from {@code peer}: if that is an executor's, it is alive. */
    void heardFrom(SocketAddress peer) {
        executors.heardFrom(peer);
    }

    private void checkExecutors() {
        List<String> silent = executors.silent();
        synchronized (this) {
            dispatch(); // tasks whose locality wait ran out may take free slots now
        }
        for (String id : silent) {
            executorLost(id, "nothing heard from it for " + executors.timeout().toMillis()
                    + " ms (sluice.executor.heartbeatTimeout)");
        }
    }

    /** Declares an executor lost: its running tasks fail, the scheduler forgets what it held. Idempotent. */
    void executorLost(String executorId, String reason) {
        List<Running> orphans = new ArrayList<>();
        List<Queued> stranded = new ArrayList<>();
        ExecutorRef executor;
        synchronized (this) {
            executor = executors.remove(executorId);
            if (executor == null) {
                return;
            }
            queue.executorRemoved(executorId);
            for (long taskId : executor.tasks) {
                orphans.add(running.remove(taskId));
            }
            executor.tasks.clear();
            dispatch();
            if (executors.noneLeft() && !closed) {
                stranded.addAll(queue.drain());
            }
            notifyAll();
        }
        if (!closed) {
            LOG.warn("Lost {}: {}", executor, reason);
        }
        executor.client.transport().close();
        for (Running orphan : orphans) {
            end(orphan, new TaskOutcome.Failure(new ExecutorLostException(executorId + " (pid " + executor.pid + ")",
                    reason + ", while running " + orphan.task())));
        }
        for (Queued queued : stranded) {
            outcomes.deliver(() -> queued.onEnd().accept(new TaskOutcome.Failure(noExecutorsError(queued.task()))));
        }
        outcomes.deliver(() -> lossListener.accept(executorId));
    }

    /**
     * Fails every queued and running task, and every task launched from now on, with {@code reason}: the
     * application cannot run anything any more (a cluster manager removed it).
     */
    void abort(String reason) {
        List<Consumer<TaskOutcome>> pending = new ArrayList<>();
        synchronized (this) {
            abortReason = reason;
            queue.drain().forEach(q -> pending.add(q.onEnd()));
            running.values().forEach(r -> pending.add(r.onEnd()));
            running.clear();
            executors.all().forEach(e -> e.tasks.clear());
        }
        for (Consumer<TaskOutcome> onEnd : pending) {
            outcomes.deliver(() -> onEnd.accept(new TaskOutcome.Failure(new SluiceException(reason))));
        }
    }

    /** Asks every executor to stop and waits (bounded) for their answers. */
    void stopExecutors(String reason, Duration timeout) {
        Collection<ExecutorRef> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(executors.all());
        }
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (ExecutorRef executor : all) {
            answers.add(executor.client.ask(new StopExecutor(reason), Object.class, timeout)
                    .exceptionally(error -> null));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("Not every executor confirmed it stopped", e);
        }
    }

    @Override
    public void close() {
        List<Queued> waiting;
        synchronized (this) {
            closed = true;
            waiting = queue.drain();
        }
        for (Queued queued : waiting) {
            queued.onEnd().accept(new TaskOutcome.Killed("the cluster backend is closed"));
        }
        monitor.shutdownNow();
        outcomes.shutdown();
    }
}
