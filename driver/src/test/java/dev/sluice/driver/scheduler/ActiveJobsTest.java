package dev.sluice.driver.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.JobCancelledException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActiveJobsTest {
    private final SchedulerParts parts = new SchedulerParts();
    private final JobRun<Object> jobA = parts.job(1);
    private final JobRun<Object> jobB = parts.job(2);
    private final MapStageRun mapRun = parts.active.mapRunFor(jobA.plan.mapStages().get(0), new byte[0], jobA.id);

    @AfterEach
    void closeBackend() {
        parts.close();
    }

    /** Both jobs wait for one map run, whose task 1 runs; each job's result stage runs a task (10 + job id). */
    private void twoJobsShareTheMapRun() {
        for (JobRun<Object> job : java.util.List.of(jobA, jobB)) {
            parts.active.add(job);
            parts.active.mapRunFor(job.plan.mapStages().get(0), new byte[0], job.id).jobs.add(job);
            job.resultRun.running.put(10L + job.id, 0);
        }
        mapRun.running.put(1L, 0);
    }

    @Test
    void abortingOneOfTwoJobsSharingAMapRunKeepsTheMapTasksForTheOther() {
        twoJobsShareTheMapRun();

        assertThat(parts.active.abort(jobA, new JobCancelledException("cancelled A"))).containsExactly(11L);

        assertThat(parts.backend.killed).containsExactly(11L);
        assertThat(jobA.future).isCompletedExceptionally();
        assertThat(jobA.stoppedTasks).containsExactly(11L);
        assertThat(parts.active.jobs()).containsExactly(jobB);
        assertThat(parts.active.mapRun(parts.shuffleId)).isSameAs(mapRun);
        assertThat(mapRun.jobs).containsExactly(jobB);
        assertThat(parts.active.jobsOf(jobA.resultRun)).as("an aborted job's result run serves nobody").isEmpty();
    }

    @Test
    void abortingTheLastJobOfAMapRunStopsItsTasksAndForgetsIt() throws Exception {
        twoJobsShareTheMapRun();
        parts.active.abort(jobA, new JobCancelledException("cancelled A"));

        assertThat(parts.active.abort(jobB, new JobCancelledException("cancelled B"))).containsExactlyInAnyOrder(1L, 12L);

        assertThat(mapRun.finished).isTrue();
        assertThat(parts.active.mapRun(parts.shuffleId)).isNull();
        assertThat(parts.active.jobs()).isEmpty();
        assertThat(jobB.future).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(JobCancelledException.class).withMessageContaining("cancelled B");
    }

    @Test
    void aJobIsAbortedOnce() {
        twoJobsShareTheMapRun();
        parts.active.abort(jobA, new JobCancelledException("first"));

        assertThat(parts.active.abort(jobA, new JobCancelledException("second"))).isEmpty();
        assertThat(parts.backend.killed).containsExactly(11L);
    }

    @Test
    void aStageRunServesTheJobsWaitingForIt() {
        twoJobsShareTheMapRun();

        assertThat(parts.active.jobsOf(mapRun)).containsExactly(jobA, jobB);
        assertThat(parts.active.jobsOf(jobB.resultRun)).containsExactly(jobB);
        assertThat(parts.active.jobOf(jobA.resultRun)).isSameAs(jobA);
        assertThat(parts.active.jobOf(mapRun)).isNull();
    }
}
