package dev.sluice.driver.scheduler;

import static dev.sluice.driver.scheduler.CountedLineage.byMod3;
import static dev.sluice.driver.scheduler.CountedLineage.map;
import static dev.sluice.driver.scheduler.CountedLineage.shuffled;
import static dev.sluice.driver.scheduler.CountedLineage.source;
import static dev.sluice.driver.scheduler.CountedLineage.sumByKey;

import dev.sluice.executor.task.TaskDescription;
import dev.sluice.planner.DagPlanner;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler's parts wired as {@link DagScheduler} wires them, without the scheduler, for their own tests: a
 * {@link ScriptedBackend} that runs nothing, the {@link ActiveJobs}, and a {@link StageLauncher} whose started
 * tasks are only recorded in {@link #started}. Its jobs are planned but never run: a reduce over one shuffle
 * written by two map tasks and read by two reduce tasks.
 */
final class SchedulerParts implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger(50_000);

    final ScriptedBackend backend = new ScriptedBackend();
    final ActiveJobs active = new ActiveJobs(backend);
    final MapOutputTracker mapOutputs = new MapOutputTracker();
    final List<TaskDescription> started = new ArrayList<>();
    final StageLauncher launcher = new StageLauncher(new DagPlanner(), active, mapOutputs, CacheLocations.NONE,
            (run, task) -> started.add(task));
    final int shuffleId = IDS.incrementAndGet();
    final Node<Object> reduced;

    SchedulerParts() {
        int n = IDS.incrementAndGet();
        Node<Object> keyed = map("planned-keyed-" + n, source("planned-src-" + n, List.of(List.of(1L), List.of(2L))),
                byMod3());
        reduced = shuffled("planned-reduced-" + n, sumByKey(keyed, shuffleId, 2));
    }

    /** A job over both reduce partitions, planned as if no shuffle existed; its map stage run is not made. */
    JobRun<Object> job(int jobId) {
        return new JobRun<>(jobId, new DagPlanner().plan(reduced, id -> false), new byte[0], new int[] {0, 1});
    }

    /** Registers map output {@code mapId} of the shuffle, as if written on {@code executorId}. */
    void mapOutputWritten(int mapId, String executorId) {
        mapOutputs.registerShuffle(shuffleId, 2);
        mapOutputs.registerMapOutput(new MapStatus(shuffleId, mapId, new long[] {1, 1}), executorId);
    }

    /** The last task the launcher started. */
    TaskDescription lastStarted() {
        return started.get(started.size() - 1);
    }

    @Override
    public void close() {
        backend.close();
    }
}
