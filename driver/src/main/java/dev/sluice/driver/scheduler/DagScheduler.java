package dev.sluice.driver.scheduler;

import dev.sluice.JobCancelledException;
import dev.sluice.JobFailedException;
import dev.sluice.SluiceException;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.task.DeferredResult;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.planner.DagPlanner;
import dev.sluice.planner.Stage;
import dev.sluice.planner.StagePlan;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs: plans a job's stages, launches a stage's tasks once the shuffles it reads are
 * available (independent stages run at the same time), reuses shuffle outputs that exist,
 * retries failed tasks up to {@code maxTaskFailures} attempts, and cancels jobs on interrupt or close.
 * Map stages are shared by concurrent jobs that need the same shuffle.
 *
 * <p>Lost map outputs (a reducer could not fetch them, or their executor was lost) are recomputed:
 * the output is forgotten, the job is planned again from its result stage so every shuffle now
 * missing gets a map stage run (parents first), and the stage that failed to fetch runs again once
 * its inputs are back. A stage is resubmitted at most {@code maxStageAttempts - 1} times.
 *
 * <p>The work is split by concern: {@link ActiveJobs} holds the running jobs and map stage runs and aborts
 * jobs, {@link StageLauncher} decides which stages run and describes their tasks, {@link FailureHandler} decides
 * what a failed task leads to. This class is their entry point and the owner of their one lock: it submits jobs
 * and waits for them, tracks the tasks in flight (its monitor is what {@link #awaitEnded} waits on), and turns
 * task ends into the others' calls.
 *
 * <p>All state changes happen under this object's lock; task ends arrive from the backend's threads.
 */
public final class DagScheduler {
    private static final long DRAIN_TIMEOUT_MS = 10_000;

    private final DagPlanner planner = new DagPlanner();
    private final SchedulerBackend backend;
    private final MapOutputTracker mapOutputs;
    private final EngineMetrics metrics;
    private final SchedulerSettings settings;
    private final CacheLocations cacheLocations;
    private final AtomicInteger jobIds = new AtomicInteger();
    private final ActiveJobs active;
    private final StageLauncher launcher;
    private final FailureHandler failures;
    private final Set<Long> inFlight = new HashSet<>();
    private boolean stopped;

    /** A scheduler with default settings but {@code maxTaskFailures}, and no cached-block locations (local mode). */
    public DagScheduler(SchedulerBackend backend, MapOutputTracker mapOutputs, EngineMetrics metrics, int maxTaskFailures) {
        this(backend, mapOutputs, metrics, SchedulerSettings.defaults().withMaxTaskFailures(maxTaskFailures),
                CacheLocations.NONE);
    }

    public DagScheduler(SchedulerBackend backend, MapOutputTracker mapOutputs, EngineMetrics metrics,
                        SchedulerSettings settings, CacheLocations cacheLocations) {
        this.backend = backend;
        this.mapOutputs = mapOutputs;
        this.metrics = metrics;
        this.settings = settings;
        this.cacheLocations = cacheLocations;
        this.active = new ActiveJobs(backend);
        this.launcher = new StageLauncher(planner, active, mapOutputs, cacheLocations, this::start);
        this.failures = new FailureHandler(settings, mapOutputs, metrics, active, launcher);
    }

    /** The plan a job on {@code node} would run now, skipping shuffles that are already available. */
    public StagePlan plan(Node<?> node) {
        return planner.plan(node, mapOutputs::isAvailable);
    }

    /**
     * Runs a job and waits for it. The lineage must already be prepared. An interrupt of the
     * calling thread cancels the job and throws {@link JobCancelledException}.
     */
    public <T, U> List<U> runJob(Node<T> node, int[] partitions, PartitionFunction<T, U> function) {
        if (partitions.length == 0) {
            return List.of();
        }
        StagePlan plan = plan(node);
        // Serialize every stage that will run before launching anything: a closure that cannot be
        // shipped fails the action here, before any task runs.
        Map<Integer, byte[]> binaries = new HashMap<>();
        for (Stage stage : plan.mapStages()) {
            if (!mapOutputs.isAvailable(stage.shuffleId())) {
                binaries.put(stage.id(), StageSerializer.serialize(stage, null));
            }
        }
        byte[] resultBinary = StageSerializer.serialize(plan.result(), function);
        JobRun<U> job;
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("The runtime is closed");
            }
            job = new JobRun<>(jobIds.incrementAndGet(), plan, resultBinary, partitions);
            active.add(job);
            for (Stage stage : plan.mapStages()) {
                if (!mapOutputs.isAvailable(stage.shuffleId())) {
                    active.mapRunFor(stage, binaries.get(stage.id()), job.id).jobs.add(job);
                }
            }
            launcher.launchReady();
        }
        return await(job);
    }

    private <U> List<U> await(JobRun<U> job) {
        try {
            List<U> results = job.future.get();
            metrics.jobsSucceeded.increment();
            return results;
        } catch (InterruptedException e) {
            JobCancelledException cancelled = new JobCancelledException(job + " was cancelled: the thread running it was interrupted");
            awaitEnded(cancel(job, cancelled));
            Thread.currentThread().interrupt();
            metrics.jobsFailed.increment();
            throw cancelled;
        } catch (ExecutionException e) {
            // The job's other tasks were told to stop; let them end before the caller cleans up
            // after the failure (e.g. saveAsTextFile deleting its staging directory).
            awaitEnded(job.stoppedTasks);
            metrics.jobsFailed.increment();
            if (e.getCause() instanceof SluiceException se) {
                // Rethrow a fresh exception so the caller's stack trace shows the action that failed.
                throw rethrowable(se);
            }
            throw new SluiceException(job + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static SluiceException rethrowable(SluiceException e) {
        if (e instanceof JobFailedException f) {
            return new JobFailedException(f.getMessage(), f.jobId(), f.stageId(), f.partition(), f.attempts(), f.getCause());
        }
        if (e instanceof JobCancelledException c) {
            return new JobCancelledException(c.getMessage());
        }
        return e;
    }

    /** Starts a task the launcher described and tracks it until it ends (under the lock). */
    private void start(StageRun run, TaskDescription task) {
        inFlight.add(task.taskId());
        metrics.taskLaunches.increment();
        backend.launch(task, outcome -> taskEnded(run, task, outcome));
    }

    private void taskEnded(StageRun run, TaskDescription task, TaskOutcome outcome) {
        if (outcome instanceof TaskOutcome.Success success && success.value() instanceof DeferredResult deferred) {
            outcome = resolve(run, task, success, deferred);
        }
        recordEnd(run, task, outcome);
    }

    /**
     * Reads a remote result outside the lock, once the job's result budget allows it; a result over the budget
     * fails the job instead of filling the driver's heap.
     */
    private TaskOutcome resolve(StageRun run, TaskDescription task, TaskOutcome.Success success, DeferredResult deferred) {
        synchronized (this) {
            JobRun<?> job = active.jobOf(run);
            if (job == null || run.finished || stopped || !run.pending.contains(task.partition())) {
                deferred.discard();
                return new TaskOutcome.Killed("its job no longer needs the result");
            }
            job.resultBytes += deferred.sizeBytes();
            if (job.resultBytes > settings.maxResultBytes()) {
                deferred.discard();
                String message = job + " failed: the serialized results of its tasks (at least " + job.resultBytes
                        + " bytes so far, " + task + " included) exceed sluice.driver.maxResultSize ("
                        + settings.maxResultBytes() + " bytes); collect less (take, sample, aggregate first) or raise the limit";
                active.abort(job, new JobFailedException(message, job.id, run.stage.id(), task.partition(), 1, null));
                return new TaskOutcome.Killed(message);
            }
        }
        try {
            return new TaskOutcome.Success(deferred.fetch(), success.durationNanos(), success.executorId());
        } catch (Exception e) {
            return new TaskOutcome.Failure(new SluiceException("Cannot read the result of " + task + " from executor "
                    + success.executorId() + ": " + e.getMessage(), e));
        }
    }

    private synchronized void recordEnd(StageRun run, TaskDescription task, TaskOutcome outcome) {
        inFlight.remove(task.taskId());
        notifyAll();
        run.running.remove(task.taskId());
        if (run.finished || stopped) {
            return;
        }
        if (outcome instanceof TaskOutcome.Success success) {
            succeeded(run, task.partition(), success.value(), success.executorId());
        } else if (outcome instanceof TaskOutcome.Failure failure) {
            failures.failed(run, task, failure.error());
        }
        // A killed task belongs to a cancelled job, whose bookkeeping is done already.
    }

    private void succeeded(StageRun run, int partition, Object value, String executorId) {
        if (!run.pending.contains(partition)) {
            return;
        }
        if (run instanceof MapStageRun mapRun) {
            mapOutputs.registerMapOutput((MapStatus) value, executorId);
            run.pending.remove(partition);
            if (run.pending.isEmpty()) {
                launcher.finishMapStage(mapRun);
            }
            return;
        }
        JobRun<?> job = active.jobOf(run);
        if (job != null && job.complete(partition, value)) {
            run.finished = true;
            active.remove(job);
            completeSuccessfully(job);
        }
    }

    @SuppressWarnings("unchecked")
    private static <U> void completeSuccessfully(JobRun<U> job) {
        job.future.complete(job.results());
    }

    /**
     * An executor is gone: forget the map outputs it held and resubmit the stages that wrote them for every
     * job that still needs them. Its running tasks are reported as failed by the backend.
     */
    public synchronized void executorLost(String executorId) {
        failures.executorLost(executorId);
        Set<Integer> shuffles = mapOutputs.removeOutputsOn(executorId);
        cacheLocations.executorLost(executorId);
        if (shuffles.isEmpty() || stopped) {
            return;
        }
        launcher.resubmit(new ArrayList<>(active.jobs()));
    }

    private synchronized Set<Long> cancel(JobRun<?> job, JobCancelledException reason) {
        return active.abort(job, reason);
    }

    /** Waits (bounded) until the given tasks have ended, so their memory and files are released. */
    private synchronized void awaitEnded(Set<Long> taskIds) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        boolean interrupted = false;
        while (taskIds.stream().anyMatch(inFlight::contains)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels every job (they throw {@link JobCancelledException}) and waits for their tasks to stop. */
    public void stop(String reason) {
        Set<Long> stopping = new HashSet<>();
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopping.addAll(active.abortAll(new ArrayList<>(active.jobs()),
                    job -> new JobCancelledException(job + " was cancelled: " + reason)));
            stopped = true;
        }
        awaitEnded(stopping);
    }

    /** Forgets a shuffle's map outputs (its files are deleted by the caller). */
    public void removeShuffle(int shuffleId) {
        mapOutputs.removeShuffle(shuffleId);
    }

}
