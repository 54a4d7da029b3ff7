package dev.sluice.driver.scheduler;

import dev.sluice.planner.Stage;

import java.util.LinkedHashSet;
import java.util.Set;

/** A running shuffle-map stage and the jobs waiting for its output (several jobs may share one). */
final class MapStageRun extends StageRun {
    final Set<JobRun<?>> jobs = new LinkedHashSet<>();

    MapStageRun(Stage stage, byte[] binary, int jobId) {
        super(stage, binary, jobId);
    }
}
