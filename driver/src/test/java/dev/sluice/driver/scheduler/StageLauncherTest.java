package dev.sluice.driver.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.executor.task.TaskDescription;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageLauncherTest {
    private final SchedulerParts parts = new SchedulerParts();
    private final JobRun<Object> job = parts.job(1);

    @AfterEach
    void closeBackend() {
        parts.close();
    }

    private MapStageRun submit() {
        parts.active.add(job);
        MapStageRun run = parts.active.mapRunFor(job.plan.mapStages().get(0), new byte[0], job.id);
        run.jobs.add(job);
        return run;
    }

    private List<Integer> startedFor(StageRun run) {
        return parts.started.stream().filter(t -> t.stageId() == run.stage.id()).map(TaskDescription::partition).toList();
    }

    @Test
    void theMapStageRunsFirstAndTheResultStageOnceItsShuffleIsWritten() {
        MapStageRun mapRun = submit();

        parts.launcher.launchReady();

        assertThat(startedFor(mapRun)).containsExactly(0, 1);
        assertThat(startedFor(job.resultRun)).as("its shuffle is missing").isEmpty();
        assertThat(parts.started).extracting(TaskDescription::attempt).containsOnly(0);
        assertThat(mapRun.running).hasSize(2);

        parts.mapOutputWritten(0, "e1");
        parts.mapOutputWritten(1, "e2");
        parts.launcher.finishMapStage(mapRun);

        assertThat(mapRun.finished).isTrue();
        assertThat(parts.active.mapRun(parts.shuffleId)).isNull();
        assertThat(startedFor(job.resultRun)).containsExactly(0, 1);
    }

    @Test
    void aMapStageWhoseOutputsWereLostMeanwhileWritesThemAgainBeforeItFinishes() {
        MapStageRun mapRun = submit();
        parts.launcher.launchReady();
        // both map tasks succeeded, but the output of map 1 was lost with its executor before the stage finished
        parts.mapOutputWritten(0, "e1");
        mapRun.running.clear();
        mapRun.pending.clear();

        parts.launcher.finishMapStage(mapRun);

        assertThat(mapRun.finished).isFalse();
        assertThat(startedFor(mapRun)).containsExactly(0, 1, 1);
        assertThat(startedFor(job.resultRun)).isEmpty();
    }

    @Test
    void resubmittingAJobWhoseOutputWasLostRunsOnlyTheMissingMapTask() {
        parts.active.add(job);
        parts.mapOutputWritten(0, "e1");
        parts.mapOutputWritten(1, "e2");
        parts.mapOutputs.removeOutputsOn("e2");

        parts.launcher.resubmit(List.of(job));

        MapStageRun rerun = parts.active.mapRun(parts.shuffleId);
        assertThat(rerun.jobs).containsExactly(job);
        assertThat(startedFor(rerun)).containsExactly(1);
        assertThat(startedFor(job.resultRun)).isEmpty();
    }

    @Test
    void aRetryCarriesItsAttemptNumberAndTheStageAttempt() {
        MapStageRun mapRun = submit();
        mapRun.stageAttempt = 2;

        parts.launcher.launchTask(mapRun, 1, 3);

        TaskDescription task = parts.started.get(0);
        assertThat(task.partition()).isEqualTo(1);
        assertThat(task.attempt()).isEqualTo(3);
        assertThat(task.stageAttempt()).isEqualTo(2);
        assertThat(task.jobId()).isEqualTo(job.id);
        assertThat(task.preferredExecutors()).isEmpty();
        assertThat(mapRun.running).containsEntry(task.taskId(), 1);
    }
}
