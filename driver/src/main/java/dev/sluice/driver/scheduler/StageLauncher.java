package dev.sluice.driver.scheduler;

import dev.sluice.SluiceException;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.planner.DagPlanner;
import dev.sluice.planner.PreferredLocations;
import dev.sluice.planner.Stage;
import dev.sluice.planner.StagePlan;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.Node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which of the {@link ActiveJobs}' stages run now: launches every stage whose input shuffles are
 * available (independent stages at the same time), describes their tasks (with the executors holding a cached
 * block they read), finishes map stages, and after map outputs were lost resubmits the map stages now missing.
 *
 * <p>Not thread-safe: the {@link DagScheduler} calls it under its lock. The tasks it describes are started by a
 * {@link TaskStarter}, which keeps track of them until they end.
 */
final class StageLauncher {

    /** Starts a task of {@code run} (under the scheduler's lock); its end is reported to the scheduler. */
    @FunctionalInterface
    interface TaskStarter {
        void start(StageRun run, TaskDescription task);
    }

    private final DagPlanner planner;
    private final ActiveJobs active;
    private final MapOutputTracker mapOutputs;
    private final CacheLocations cacheLocations;
    private final TaskStarter starter;
    private final AtomicLong taskIds = new AtomicLong();

    StageLauncher(DagPlanner planner, ActiveJobs active, MapOutputTracker mapOutputs, CacheLocations cacheLocations,
                  TaskStarter starter) {
        this.planner = planner;
        this.active = active;
        this.mapOutputs = mapOutputs;
        this.cacheLocations = cacheLocations;
        this.starter = starter;
    }

    /** Launches every stage whose input shuffles are all available. */
    void launchReady() {
        for (MapStageRun run : active.mapRuns()) {
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
        for (JobRun<?> job : active.jobs()) {
            if (!job.resultRun.launched && inputsAvailable(job.plan.result())) {
                launchStage(job.resultRun);
            }
        }
    }

    /**
     * Every map output of {@code run} is written: unless some were lost meanwhile, the run is done and the
     * stages waiting for its shuffle may start.
     */
    void finishMapStage(MapStageRun run) {
        List<Integer> lost = mapOutputs.missingMaps(run.stage.shuffleId());
        if (!lost.isEmpty()) {
            // Outputs this run wrote were lost (their executor died) while its last tasks ran: write them again.
            run.pending.addAll(lost);
            launchStage(run);
            return;
        }
        run.finished = true;
        active.removeMapRun(run);
        launchReady();
    }

    /** Resubmits the map stages each of {@code jobs} now misses (see {@link #resubmitMissingStages}), then launches what is ready. */
    void resubmit(Collection<JobRun<?>> jobs) {
        for (JobRun<?> job : jobs) {
            resubmitMissingStages(job);
        }
        launchReady();
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
            MapStageRun run = active.mapRun(stage.shuffleId());
            if (run == null) {
                byte[] binary;
                try {
                    binary = StageSerializer.serialize(stage, null);
                } catch (SluiceException e) {
                    active.abort(job, e);
                    return;
                }
                run = new MapStageRun(stage, binary, job.id);
                active.addMapRun(run);
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

    /** Launches attempt {@code attempt} of one partition of {@code run}. */
    void launchTask(StageRun run, int partition, int attempt) {
        long taskId = taskIds.incrementAndGet();
        TaskDescription task = new TaskDescription(taskId, run.jobId, run.stage.id(), run.stageAttempt, partition, attempt,
                run.binary, run.partitionBinary(partition), mapOutputs.epoch(),
                preferredExecutors(run.stage.node(), partition));
        run.running.put(taskId, partition);
        starter.start(run, task);
    }

    /** The executors holding a cached block the task would read (see {@link PreferredLocations}). */
    private List<String> preferredExecutors(Node<?> node, int partition) {
        if (cacheLocations == CacheLocations.NONE) {
            return List.of();
        }
        return PreferredLocations.of(node, partition, cacheLocations::executorsHolding);
    }
}
