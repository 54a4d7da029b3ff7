package dev.sluice.driver.scheduler;

import dev.sluice.JobFailedException;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.tracker.MapOutputTracker;

import java.util.HashSet;
import java.util.Set;

/**
 * The scheduler's failure policy: what a failed task leads to. A task failure and an executor lost under a task
 * are counted apart, per partition, against {@code maxTaskFailures} and {@code maxExecutorLosses}; a fetch failure
 * forgets the map output and resubmits the stage, counted per stage against {@code maxStageAttempts} (or against
 * {@code maxExecutorLosses} when the output's executor is known to be lost). Under the limit the work runs again;
 * at the limit every job waiting for the stage fails with a {@link JobFailedException} naming the limit.
 *
 * <p>Not thread-safe: the {@link DagScheduler} calls it under its lock, like the runs whose counts it changes.
 */
final class FailureHandler {
    private final SchedulerSettings settings;
    private final MapOutputTracker mapOutputs;
    private final EngineMetrics metrics;
    private final ActiveJobs active;
    private final StageLauncher launcher;
    /** Executors declared lost: a fetch failure from one of them is not the reading stage's fault. */
    private final Set<String> lostExecutors = new HashSet<>();

    FailureHandler(SchedulerSettings settings, MapOutputTracker mapOutputs, EngineMetrics metrics, ActiveJobs active,
                   StageLauncher launcher) {
        this.settings = settings;
        this.mapOutputs = mapOutputs;
        this.metrics = metrics;
        this.active = active;
        this.launcher = launcher;
    }

    /** Remembers that an executor is lost, so fetch failures from it do not count against the stages reading it. */
    void executorLost(String executorId) {
        lostExecutors.add(executorId);
    }

    /** A task of {@code run} failed with {@code error}: run it again, or fail its jobs at the limit. */
    void failed(StageRun run, TaskDescription task, Throwable error) {
        if (error instanceof FetchFailedException fetchFailure) {
            fetchFailed(run, task, fetchFailure);
            return;
        }
        boolean executorLost = error instanceof ExecutorLostException;
        int count = (executorLost ? run.executorLosses : run.failures).merge(task.partition(), 1, Integer::sum);
        int limit = executorLost ? settings.maxExecutorLosses() : settings.maxTaskFailures();
        if (count < limit) {
            launcher.launchTask(run, task.partition(), task.attempt() + 1);
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
        active.abortAll(active.jobsOf(run), job -> new JobFailedException(job + " failed: partition " + task.partition()
                + " of " + run.stage + " " + why + " (TID " + task.taskId() + "): " + error,
                job.id, run.stage.id(), task.partition(), attempt, error));
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
        Set<JobRun<?>> affected = active.jobsOf(run);
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
                active.abortAll(affected, job -> new JobFailedException(job + " failed: " + run.stage + " " + why
                        + "; the last failure: map output " + block.mapId()
                        + (executor != null ? " on executor " + executor : "") + " could not be fetched by " + task
                        + ": " + failure.getMessage(), job.id, run.stage.id(), task.partition(), run.stageAttempt, failure));
                return;
            }
        }
        run.launched = false;
        launcher.resubmit(affected);
    }
}
