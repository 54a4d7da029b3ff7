package dev.sluice.driver.scheduler;

import dev.sluice.SluiceException;
import dev.sluice.planner.Stage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The jobs the {@link DagScheduler} runs and the map stage runs they wait for (one run a shuffle, shared by every
 * job that needs it): which jobs a stage run serves, and how a job is aborted without stopping tasks another job
 * still needs.
 *
 * <p>Not thread-safe: guarded by the scheduler's lock, like the runs it holds. It takes no lock of its own so that
 * the scheduler's state stays under that one lock.
 */
final class ActiveJobs {
    private final SchedulerBackend backend;
    private final Map<Integer, MapStageRun> mapRuns = new HashMap<>();
    private final Set<JobRun<?>> jobs = new LinkedHashSet<>();

    ActiveJobs(SchedulerBackend backend) {
        this.backend = backend;
    }

    /** Adds a submitted job. */
    void add(JobRun<?> job) {
        jobs.add(job);
    }

    /** Removes a job that completed. */
    void remove(JobRun<?> job) {
        jobs.remove(job);
    }

    /** The running jobs, in submission order: a view, to copy before aborting or completing one of them. */
    Collection<JobRun<?>> jobs() {
        return Collections.unmodifiableSet(jobs);
    }

    /** The running map stage runs (a copy: finishing one while iterating is fine). */
    List<MapStageRun> mapRuns() {
        return new ArrayList<>(mapRuns.values());
    }

    /** The run writing shuffle {@code shuffleId}, or null. */
    MapStageRun mapRun(int shuffleId) {
        return mapRuns.get(shuffleId);
    }

    /** Makes {@code run} the run writing its stage's shuffle. */
    void addMapRun(MapStageRun run) {
        mapRuns.put(run.stage.shuffleId(), run);
    }

    /** The run writing {@code stage}'s shuffle, made by {@code binary} for {@code jobId} if there is none. */
    MapStageRun mapRunFor(Stage stage, byte[] binary, int jobId) {
        return mapRuns.computeIfAbsent(stage.shuffleId(), id -> new MapStageRun(stage, binary, jobId));
    }

    /** Forgets a map stage run that finished. */
    void removeMapRun(MapStageRun run) {
        mapRuns.remove(run.stage.shuffleId());
    }

    /** The jobs waiting for {@code run} (a copy). */
    Set<JobRun<?>> jobsOf(StageRun run) {
        if (run instanceof MapStageRun mapRun) {
            return new LinkedHashSet<>(mapRun.jobs);
        }
        JobRun<?> job = jobOf(run);
        return job == null ? Set.of() : Set.of(job);
    }

    /** The running job whose result stage {@code resultRun} is, or null. */
    JobRun<?> jobOf(StageRun resultRun) {
        for (JobRun<?> job : jobs) {
            if (job.resultRun == resultRun) {
                return job;
            }
        }
        return null;
    }

    /** Fails {@code job} and stops the tasks no other job needs; returns the ids of the tasks told to stop. */
    Set<Long> abort(JobRun<?> job, SluiceException reason) {
        Set<Long> stopping = new HashSet<>();
        if (job.isDone()) {
            return stopping;
        }
        jobs.remove(job);
        job.future.completeExceptionally(reason);
        job.resultRun.finished = true;
        stopping.addAll(killAll(job.resultRun));
        for (MapStageRun run : mapRuns()) {
            if (run.jobs.remove(job) && run.jobs.isEmpty()) {
                run.finished = true;
                mapRuns.remove(run.stage.shuffleId());
                stopping.addAll(killAll(run));
            }
        }
        job.stoppedTasks.addAll(stopping);
        return stopping;
    }

    /** Fails every job in {@code aborted} with the reason {@code reasons} gives it; returns the tasks told to stop. */
    Set<Long> abortAll(Collection<JobRun<?>> aborted, Function<JobRun<?>, SluiceException> reasons) {
        Set<Long> stopping = new HashSet<>();
        for (JobRun<?> job : aborted) {
            stopping.addAll(abort(job, reasons.apply(job)));
        }
        return stopping;
    }

    private Set<Long> killAll(StageRun run) {
        Set<Long> ids = new HashSet<>(run.running.keySet());
        for (long taskId : ids) {
            backend.kill(taskId);
        }
        return ids;
    }
}
