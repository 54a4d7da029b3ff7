package dev.sluice.driver.scheduler;

import dev.sluice.JobCancelledException;
import dev.sluice.JobFailedException;
import dev.sluice.SluiceException;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.task.DeferredResult;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.planner.DagPlanner;
import dev.sluice.planner.PreferredLocations;
import dev.sluice.planner.Stage;
import dev.sluice.planner.StagePlan;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong taskIds = new AtomicLong();
    private final Map<Integer, MapStageRun> mapRuns = new HashMap<>();
    private final Set<JobRun<?>> jobs = new LinkedHashSet<>();
    private final Set<Long> inFlight = new HashSet<>();
    /** Executors declared lost: a fetch failure from one of them is not the reading stage's fault. */
    private final Set<String> lostExecutors = new HashSet<>();
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
            jobs.add(job);
            for (Stage stage : plan.mapStages()) {
                if (!mapOutputs.isAvailable(stage.shuffleId())) {
                    MapStageRun run = mapRuns.computeIfAbsent(stage.shuffleId(),
                            id -> new MapStageRun(stage, binaries.get(stage.id()), job.id));
                    run.jobs.add(job);
                }
            }
            launchReady();
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

    /** Launches every stage whose input shuffles are all available. */
    private void launchReady() {
        for (MapStageRun run : new ArrayList<>(mapRuns.values())) {
            if (!run.launched && !run.finished && inputsAvailable(run.stage)) {
                mapOutputs.registerShuffle(run.stage.shuffleId(), run.stage.numPartitions());
                run.pending.addAll(mapOutputs.missingMaps(run.stage.shuffleId()));
                launchStage(run);
                if (run.pending.isEmpty()) {
                    finishMapStage(run);
                    return;
                }
            }
        }
        for (JobRun<?> job : jobs) {
            if (!job.resultRun.launched && inputsAvailable(job.plan.result())) {
                launchStage(job.resultRun);
            }
        }
    }

    /**
     * Plans the job again from its result stage, against the map outputs that exist now, and makes a
     * map stage run for every shuffle that is missing: after outputs were lost, this recomputes them
     * (and whatever lost lineage they need) before the stages reading them run again.
     */
    private void resubmitMissingStages(JobRun<?> job) {
        StagePlan fresh = planner.plan(job.plan.result().node(), mapOutputs::isAvailable);
        for (Stage stage : fresh.mapStages()) {
            if (mapOutputs.isAvailable(stage.shuffleId())) {
                continue;
            }
            MapStageRun run = mapRuns.get(stage.shuffleId());
            if (run == null) {
                byte[] binary;
                try {
                    binary = StageSerializer.serialize(stage, null);
                } catch (SluiceException e) {
                    abort(job, e);
                    return;
                }
                run = new MapStageRun(stage, binary, job.id);
                mapRuns.put(stage.shuffleId(), run);
            }
            run.jobs.add(job);
        }
    }

    private boolean inputsAvailable(Stage stage) {
        for (Stage parent : stage.parents()) {
            if (!mapOutputs.isAvailable(parent.shuffleId())) {
                return false;
            }
        }
        return true;
    }

    /** Launches every pending partition that has no attempt running (after a resubmission some still run). */
    private void launchStage(StageRun run) {
        run.launched = true;
        for (int partition : new ArrayList<>(run.pending)) {
            if (!run.running.containsValue(partition)) {
                launchTask(run, partition, run.failures.getOrDefault(partition, 0));
            }
        }
    }

    private void launchTask(StageRun run, int partition, int attempt) {
        long taskId = taskIds.incrementAndGet();
        TaskDescription task = new TaskDescription(taskId, run.jobId, run.stage.id(), run.stageAttempt, partition, attempt,
                run.binary, run.partitionBinary(partition), mapOutputs.epoch(),
                preferredExecutors(run.stage.node(), partition));
        run.running.put(taskId, partition);
        inFlight.add(taskId);
        metrics.taskLaunches.increment();
        backend.launch(task, outcome -> taskEnded(run, task, outcome));
    }

    /** The executors holding a cached block the task would read (see {@link PreferredLocations}). */
    private List<String> preferredExecutors(Node<?> node, int partition) {
        if (cacheLocations == CacheLocations.NONE) {
            return List.of();
        }
        return PreferredLocations.of(node, partition, cacheLocations::executorsHolding);
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
            JobRun<?> job = jobOf(run);
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
                abort(job, new JobFailedException(message, job.id, run.stage.id(), task.partition(), 1, null));
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
            failed(run, task, failure.error());
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
                finishMapStage(mapRun);
            }
            return;
        }
        JobRun<?> job = jobOf(run);
        if (job != null && job.complete(partition, value)) {
            run.finished = true;
            jobs.remove(job);
            completeSuccessfully(job);
        }
    }

    @SuppressWarnings("unchecked")
    private static <U> void completeSuccessfully(JobRun<U> job) {
        job.future.complete(job.results());
    }

    private void finishMapStage(MapStageRun run) {
        List<Integer> lost = mapOutputs.missingMaps(run.stage.shuffleId());
        if (!lost.isEmpty()) {
            // Outputs this run wrote were lost (their executor died) while its last tasks ran: write them again.
            run.pending.addAll(lost);
            launchStage(run);
            return;
        }
        run.finished = true;
        mapRuns.remove(run.stage.shuffleId());
        launchReady();
    }

    private void failed(StageRun run, TaskDescription task, Throwable error) {
        if (error instanceof FetchFailedException fetchFailure) {
            fetchFailed(run, task, fetchFailure);
            return;
        }
        boolean executorLost = error instanceof ExecutorLostException;
        int count = (executorLost ? run.executorLosses : run.failures).merge(task.partition(), 1, Integer::sum);
        int limit = executorLost ? settings.maxExecutorLosses() : settings.maxTaskFailures();
        if (count < limit) {
            launchTask(run, task.partition(), task.attempt() + 1);
            return;
        }
        int attempt = task.attempt() + 1;
        String why;
        if (executorLost) {
            why = "lost its executor " + count + " times (sluice.task.maxExecutorLosses), the last on attempt " + attempt;
        } else if (count == attempt) {
            why = "failed on attempt " + attempt + " of " + limit;
        } else {
            why = "failed " + count + " times (sluice.task.maxFailures), the last on attempt " + attempt;
        }
        for (JobRun<?> job : jobsOf(run)) {
            String message = job + " failed: partition " + task.partition() + " of " + run.stage + " " + why
                    + " (TID " + task.taskId() + "): " + error;
            abort(job, new JobFailedException(message, job.id, run.stage.id(), task.partition(), attempt, error));
        }
    }

    /**
     * A task could not read a map output: forget the output, resubmit the map stages now missing, and run the
     * failed stage again once they are done. The first fetch failure of a stage attempt starts the next attempt;
     * later ones from the same attempt only add their partitions.
     */
    private void fetchFailed(StageRun run, TaskDescription task, FetchFailedException failure) {
        ShuffleBlockId block = failure.block();
        String executor = mapOutputs.executorOf(block.shuffleId(), block.mapId());
        // A reducer of an older stage attempt may report an output that was lost and has been written again since.
        mapOutputs.removeMapOutput(block.shuffleId(), block.mapId(), task.mapOutputEpoch());
        Set<JobRun<?>> affected = jobsOf(run);
        if (task.stageAttempt() == run.stageAttempt) {
            run.stageAttempt++;
            metrics.stageResubmissions.increment();
            // The output's executor is known to be lost (its outputs are already forgotten, or it is marked lost):
            // the stage is not at fault, and its attempt counts against the executor-loss limit instead.
            boolean executorLost = executor == null || lostExecutors.contains(executor);
            int count = executorLost ? ++run.executorLostAttempts : ++run.fetchFailedAttempts;
            int limit = executorLost ? settings.maxExecutorLosses() : settings.maxStageAttempts();
            if (count >= limit) {
                String why = executorLost
                        ? "lost the executors holding its input " + count + " times (sluice.task.maxExecutorLosses)"
                        : "could not read shuffle " + block.shuffleId() + " in " + limit + " attempts (sluice.stage.maxAttempts)";
                for (JobRun<?> job : affected) {
                    String message = job + " failed: " + run.stage + " " + why + "; the last failure: "
                            + "map output " + block.mapId() + (executor != null ? " on executor " + executor : "")
                            + " could not be fetched by " + task + ": " + failure.getMessage();
                    abort(job, new JobFailedException(message, job.id, run.stage.id(), task.partition(),
                            run.stageAttempt, failure));
                }
                return;
            }
        }
        run.launched = false;
        for (JobRun<?> job : affected) {
            resubmitMissingStages(job);
        }
        launchReady();
    }

    /**
     * An executor is gone: forget the map outputs it held and resubmit the stages that wrote them for every
     * job that still needs them. Its running tasks are reported as failed by the backend.
     */
    public synchronized void executorLost(String executorId) {
        lostExecutors.add(executorId);
        Set<Integer> shuffles = mapOutputs.removeOutputsOn(executorId);
        cacheLocations.executorLost(executorId);
        if (shuffles.isEmpty() || stopped) {
            return;
        }
        for (JobRun<?> job : new ArrayList<>(jobs)) {
            resubmitMissingStages(job);
        }
        launchReady();
    }

    private Set<JobRun<?>> jobsOf(StageRun run) {
        return run instanceof MapStageRun mapRun ? new LinkedHashSet<>(mapRun.jobs) : setOf(jobOf(run));
    }

    private static Set<JobRun<?>> setOf(JobRun<?> job) {
        return job == null ? Set.of() : Set.of(job);
    }

    private JobRun<?> jobOf(StageRun resultRun) {
        for (JobRun<?> job : jobs) {
            if (job.resultRun == resultRun) {
                return job;
            }
        }
        return null;
    }

    /** Fails {@code job} and stops the tasks no other job needs; returns the ids of the tasks told to stop. */
    private Set<Long> abort(JobRun<?> job, SluiceException reason) {
        Set<Long> stopping = new HashSet<>();
        if (job.isDone()) {
            return stopping;
        }
        jobs.remove(job);
        job.future.completeExceptionally(reason);
        job.resultRun.finished = true;
        stopping.addAll(killAll(job.resultRun));
        for (MapStageRun run : new ArrayList<>(mapRuns.values())) {
            if (run.jobs.remove(job) && run.jobs.isEmpty()) {
                run.finished = true;
                mapRuns.remove(run.stage.shuffleId());
                stopping.addAll(killAll(run));
            }
        }
        job.stoppedTasks.addAll(stopping);
        return stopping;
    }

    private Set<Long> killAll(StageRun run) {
        Set<Long> ids = new HashSet<>(run.running.keySet());
        for (long taskId : ids) {
            backend.kill(taskId);
        }
        return ids;
    }

    private synchronized Set<Long> cancel(JobRun<?> job, JobCancelledException reason) {
        return abort(job, reason);
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
            for (JobRun<?> job : new ArrayList<>(jobs)) {
                stopping.addAll(abort(job, new JobCancelledException(job + " was cancelled: " + reason)));
            }
            stopped = true;
        }
        awaitEnded(stopping);
    }

    /** Forgets a shuffle's map outputs (its files are deleted by the caller). */
    public void removeShuffle(int shuffleId) {
        mapOutputs.removeShuffle(shuffleId);
    }

}
