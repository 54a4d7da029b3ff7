package dev.sluice.planner;

import java.util.List;

/**
 * The stages of one job: every stage in {@link #stages()} comes after the stages it reads from,
 * and the last one is {@link #result()}.
 */
public record StagePlan(List<Stage> stages, Stage result) {

    /** The shuffle-map stages (all but the result stage), parents first. */
    public List<Stage> mapStages() {
        return stages.subList(0, stages.size() - 1);
    }
}
