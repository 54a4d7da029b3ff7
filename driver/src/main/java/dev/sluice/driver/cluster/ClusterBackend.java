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
import dev.sluice.serial.JavaSerialization;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The driver's view of its executor processes, as a {@link SchedulerBackend}: queues tasks, gives each free
 * task slot the next task (preferring one whose cached input that executor holds), turns executors' reports
 * into task outcomes, and declares an executor lost when its process exits, its connection fails, or its
 * heartbeats stop; its running tasks then fail with {@link ExecutorLostException} and the scheduler is told.
 *
 * <p>State is guarded by this object's lock. Outcomes are handed to the scheduler on a pool of its own, never
 * under this lock or on a network thread, since the scheduler may fetch and deserialize a large result.
 */
final class ClusterBackend implements SchedulerBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBackend.class);

    private final ControlSerializer control;
    private final Serializer data;
    private final ClassLoader loader;
    private final SilenceDetector<String> liveness;
    private final ExecutorMetricsMirror metrics;
    private final CachedBlockTracker cache;
    private final boolean replacementsComing;
    private final Map<String, ExecutorRef> executors = new LinkedHashMap<>();
    /** Registered executors by the address of their connection to the driver, to count any message as life. */
    private final Map<SocketAddress, String> executorsByPeer = new ConcurrentHashMap<>();
    private final Set<String> expected = new HashSet<>();
    private final LocalityQueue<Queued> queue;
    private final Map<Long, Running> running = new HashMap<>();
    private final ExecutorService outcomes;
    private final ScheduledExecutorService monitor;
    private volatile Consumer<String> lossListener = id -> { };
    private volatile boolean closed;
    private volatile String abortReason;

    /** One executor process, as registered. */
    private static final class ExecutorRef {
        final String id;
        final String host;
        final int port;
        final int cores;
        final long pid;
        final MessageClient client;
        final Set<Long> tasks = new HashSet<>();

        ExecutorRef(RegisterExecutor registration, MessageClient client) {
            this.id = registration.executorId();
            this.host = registration.host();
            this.port = registration.port();
            this.cores = registration.cores();
            this.pid = registration.pid();
            this.client = client;
        }

        int freeSlots() {
            return cores - tasks.size();
        }

        @Override
        public String toString() {
            return "executor " + id + " (pid " + pid + ", " + host + ":" + port + ")";
        }
    }

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
        this.replacementsComing = replacementsComing;
        this.control = control;
        this.data = data;
        this.loader = loader;
        this.queue = new LocalityQueue<>(queued -> queued.task().preferredExecutors(), localityWait.toNanos(),
                System::nanoTime);
        this.metrics = metrics;
        this.cache = cache;
        this.outcomes = Executors.newFixedThreadPool(2, DaemonThreads.numbered("sluice-task-outcomes-"));
        this.monitor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-executor-monitor"));
        long period = Math.max(50, heartbeatTimeout.toMillis() / 4);
        this.liveness = new SilenceDetector<>(heartbeatTimeout, Duration.ofMillis(period));
        monitor.scheduleWithFixedDelay(this::checkExecutors, period, period, TimeUnit.MILLISECONDS);
    }

    /** Called with the id of every executor declared lost, after its tasks were failed. */
    void onExecutorLost(Consumer<String> listener) {
        this.lossListener = listener;
    }

    /** Allows an executor id to register (the driver or a worker launched it). */
    synchronized void expect(String executorId) {
        expected.add(executorId);
    }

    /**
     * Registers an executor that connected back; false (and logged) if its id was not expected or is taken.
     *
     * @param peer the address of the executor's own connection to the driver, whose every message counts as a sign
     *     of the executor's life
     */
    synchronized boolean register(RegisterExecutor registration, MessageClient client, SocketAddress peer) {
        if (closed || !expected.remove(registration.executorId())) {
            LOG.warn("Refused the registration of an unexpected executor {} from {}:{}", registration.executorId(),
                    registration.host(), registration.port());
            return false;
        }
        ExecutorRef executor = new ExecutorRef(registration, client);
        executors.put(executor.id, executor);
        queue.executorAdded(executor.id);
        liveness.start(executor.id);
        if (peer != null) {
            executorsByPeer.put(peer, executor.id);
        }
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
        return List.copyOf(executors.keySet());
    }

    /** The (unresolved) addresses of the registered executors' listeners, by id. */
    synchronized Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> out = new HashMap<>();
        executors.values().forEach(e -> out.put(e.id, InetSocketAddress.createUnresolved(e.host, e.port)));
        return out;
    }

    @Override
    public synchronized int totalSlots() {
        int slots = 0;
        for (ExecutorRef executor : executors.values()) {
            slots += executor.cores;
        }
        return slots;
    }

    @Override
    public void launch(TaskDescription task, Consumer<TaskOutcome> onEnd) {
        String aborted = abortReason;
        if (aborted != null) {
            deliver(() -> onEnd.accept(new TaskOutcome.Failure(new SluiceException(aborted))));
            return;
        }
        synchronized (this) {
            if (!closed && !noExecutorsLeft()) {
                // A retry goes first: its stage cannot finish without it, and it waited once already.
                queue.add(new Queued(task, onEnd), task.attempt() > 0);
                dispatch();
                return;
            }
        }
        deliver(() -> onEnd.accept(closed ? new TaskOutcome.Killed("the cluster backend is closed")
                : new TaskOutcome.Failure(noExecutorsError(task))));
    }

    /** Whether every executor was lost and none is starting or coming: queued tasks would wait forever. */
    private boolean noExecutorsLeft() {
        return executors.isEmpty() && expected.isEmpty() && !replacementsComing;
    }

    private static NoExecutorLeftException noExecutorsError(TaskDescription task) {
        return new NoExecutorLeftException(task.toString());
    }

    /** Runs {@code action} on the outcome pool; once the backend is closed nobody waits, so it is dropped. */
    private void deliver(Runnable action) {
        try {
            outcomes.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped a task outcome after close");
        }
    }

    /** Fills free slots from the queue; called under the lock whenever a slot frees or a task arrives. */
    private void dispatch() {
        for (ExecutorRef executor : executors.values()) {
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
                deliver(() -> executorLost(executor.id, "cannot send it " + task + ": " + error.getMessage()));
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
            deliver(() -> killed.onEnd().accept(new TaskOutcome.Killed(killed.task() + " was killed before it started")));
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
        Object value = report.mapStatus() != null ? report.mapStatus()
                : new RemoteResult(report.taskId(), report.result(), report.resultBytes(), task.executor().client,
                        control, data);
        end(task, new TaskOutcome.Success(value, report.durationNanos(), report.executorId()));
    }

    /** An executor reported a failed or killed task. */
    void failed(TaskFailed report) {
        Running task = taskEnded(report.taskId(), report.executorId());
        if (task == null) {
            return;
        }
        metrics.update(report.executorId(), report.metrics());
        end(task, outcomeOf(report, task));
    }

    private TaskOutcome outcomeOf(TaskFailed report, Running task) {
        if (report.killed() && task.killRequested) {
            return new TaskOutcome.Killed(report.description());
        }
        if (report.killed()) {
            // Nobody here asked: the executor is stopping (its worker died, say). The task must run elsewhere.
            return new TaskOutcome.Failure(new ExecutorLostException(report.executorId(), "it stopped while running "
                    + task.task() + ": " + report.description()));
        }
        if (report.fetchShuffleId() >= 0) {
            ShuffleBlockId block = new ShuffleBlockId(report.fetchShuffleId(), report.fetchMapId(), report.fetchReduceId());
            return new TaskOutcome.Failure(new FetchFailedException(block, "on executor " + report.executorId() + ": "
                    + report.description(), null));
        }
        if (report.error() != null) {
            try {
                return new TaskOutcome.Failure(JavaSerialization.<Throwable>deserialize(report.error(), loader));
            } catch (RuntimeException e) {
                LOG.debug("Cannot rebuild the error of task {} from executor {}", report.taskId(), report.executorId(), e);
            }
        }
        return new TaskOutcome.Failure(new RemoteTaskException(report.executorId(), report.description()));
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
        liveness.heard(executorId);
        dispatch();
        return task;
    }

    private void end(Running task, TaskOutcome outcome) {
        deliver(() -> task.onEnd().accept(outcome));
    }

    /** Whether the executor is registered; its heartbeat counts as a sign of life. */
    boolean heartbeat(Heartbeat heartbeat) {
        synchronized (this) {
            if (!executors.containsKey(heartbeat.executorId())) {
                return false;
            }
        }
        liveness.heard(heartbeat.executorId());
        metrics.update(heartbeat.executorId(), heartbeat.metrics());
        return true;
    }

    /** A message arrived on the connection from {@code peer}: if that is an executor's, it is alive. */
    void heardFrom(SocketAddress peer) {
        String executorId = executorsByPeer.get(peer);
        if (executorId != null) {
            liveness.heard(executorId);
        }
    }

    private void checkExecutors() {
        List<String> silent = liveness.silentPeers();
        synchronized (this) {
            dispatch(); // tasks whose locality wait ran out may take free slots now
        }
        for (String id : silent) {
            executorLost(id, "nothing heard from it for " + liveness.timeout().toMillis()
                    + " ms (sluice.executor.heartbeatTimeout)");
        }
    }

    /** Declares an executor lost: its running tasks fail, the scheduler forgets what it held. Idempotent. */
    void executorLost(String executorId, String reason) {
        List<Running> orphans = new ArrayList<>();
        List<Queued> stranded = new ArrayList<>();
        ExecutorRef executor;
        synchronized (this) {
            expected.remove(executorId);
            liveness.forget(executorId);
            executor = executors.remove(executorId);
            if (executor == null) {
                return;
            }
            executorsByPeer.values().remove(executorId);
            queue.executorRemoved(executorId);
            for (long taskId : executor.tasks) {
                orphans.add(running.remove(taskId));
            }
            executor.tasks.clear();
            dispatch();
            if (noExecutorsLeft() && !closed) {
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
            deliver(() -> queued.onEnd().accept(new TaskOutcome.Failure(noExecutorsError(queued.task()))));
        }
        deliver(() -> lossListener.accept(executorId));
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
            executors.values().forEach(e -> e.tasks.clear());
        }
        for (Consumer<TaskOutcome> onEnd : pending) {
            deliver(() -> onEnd.accept(new TaskOutcome.Failure(new SluiceException(reason))));
        }
    }

    /** Asks every executor to stop and waits (bounded) for their answers. */
    void stopExecutors(String reason, Duration timeout) {
        Collection<ExecutorRef> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(executors.values());
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
        try {
            outcomes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
