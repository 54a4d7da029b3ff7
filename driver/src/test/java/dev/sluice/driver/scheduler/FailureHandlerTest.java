package dev.sluice.driver.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.JobFailedException;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.ShuffleBlockId;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The failure policy on its own: what it relaunches (as the launcher's started tasks) and when jobs fail. */
class FailureHandlerTest {
    private final SchedulerParts parts = new SchedulerParts();
    private final EngineMetrics metrics = new EngineMetrics("driver");
    private final JobRun<Object> job = parts.job(1);

    @AfterEach
    void closeBackend() {
        parts.close();
    }

    private FailureHandler handler(SchedulerSettings settings) {
        parts.active.add(job);
        return new FailureHandler(settings, parts.mapOutputs, metrics, parts.active, parts.launcher);
    }

    private TaskDescription resultTask(int partition, int attempt) {
        parts.launcher.launchTask(job.resultRun, partition, attempt);
        return parts.lastStarted();
    }

    private JobFailedException failure() throws Exception {
        assertThat(job.future).isCompletedExceptionally();
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> job.future.get(0, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(JobFailedException.class);
        return (JobFailedException) e.getCause();
    }

    @Test
    void aFailedTaskRunsAgainWithTheNextAttemptUntilTheLimitThenItsJobFails() throws Exception {
        FailureHandler failures = handler(SchedulerSettings.defaults().withMaxTaskFailures(2));
        TaskDescription first = resultTask(1, 0);

        failures.failed(job.resultRun, first, new IllegalStateException("boom"));

        TaskDescription retry = parts.lastStarted();
        assertThat(retry.partition()).isEqualTo(1);
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(job.future).isNotDone();

        failures.failed(job.resultRun, retry, new IllegalStateException("boom again"));

        assertThat(parts.started).hasSize(2);
        JobFailedException e = failure();
        assertThat(e.partition()).isEqualTo(1);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.getMessage()).contains("failed on attempt 2 of 2").contains("boom again");
        assertThat(parts.active.jobs()).isEmpty();
    }

    @Test
    void executorLossesAreCountedApartFromTaskFailures() throws Exception {
        FailureHandler failures = handler(SchedulerSettings.defaults().withMaxTaskFailures(1).withMaxExecutorLosses(2));

        failures.failed(job.resultRun, resultTask(0, 0), new ExecutorLostException("e1", "SIGKILLed"));

        assertThat(job.future).as("a lost executor is not a task failure").isNotDone();
        assertThat(job.resultRun.failures).isEmpty();
        assertThat(job.resultRun.executorLosses).containsEntry(0, 1);

        failures.failed(job.resultRun, parts.lastStarted(), new ExecutorLostException("e2", "SIGKILLed"));

        assertThat(failure().getMessage()).contains("lost its executor 2 times (sluice.task.maxExecutorLosses)");
    }

    @Test
    void aFetchFailureForgetsTheOutputAndResubmitsItsMapStageOncePerStageAttempt() {
        FailureHandler failures = handler(SchedulerSettings.defaults());
        parts.mapOutputWritten(0, "e1");
        parts.mapOutputWritten(1, "e2");
        TaskDescription reducer0 = resultTask(0, 0);
        TaskDescription reducer1 = resultTask(1, 0);
        FetchFailedException lost = new FetchFailedException(new ShuffleBlockId(parts.shuffleId, 1, 0), "gone", null);

        failures.failed(job.resultRun, reducer0, lost);
        failures.failed(job.resultRun, reducer1, lost);

        assertThat(parts.mapOutputs.missingMaps(parts.shuffleId)).containsExactly(1);
        assertThat(job.resultRun.stageAttempt).as("the second failure is from the same attempt").isEqualTo(1);
        assertThat(job.resultRun.fetchFailedAttempts).isEqualTo(1);
        assertThat(metrics.stageResubmissions.count()).isEqualTo(1);
        assertThat(job.resultRun.launched).isFalse();
        assertThat(parts.active.mapRun(parts.shuffleId).jobs).containsExactly(job);
        assertThat(parts.started.subList(2, parts.started.size())).extracting(TaskDescription::partition).containsExactly(1);
    }

    @Test
    void fetchFailuresFromAnExecutorKnownLostCountAgainstExecutorLosses() throws Exception {
        FailureHandler failures = handler(SchedulerSettings.defaults().withMaxExecutorLosses(1));
        parts.mapOutputWritten(0, "e1");
        failures.executorLost("e1");

        failures.failed(job.resultRun, resultTask(0, 0),
                new FetchFailedException(new ShuffleBlockId(parts.shuffleId, 0, 0), "connection refused", null));

        assertThat(job.resultRun.executorLostAttempts).isEqualTo(1);
        assertThat(job.resultRun.fetchFailedAttempts).isZero();
        assertThat(failure().getMessage())
                .contains("lost the executors holding its input 1 times (sluice.task.maxExecutorLosses)")
                .contains("on executor e1").contains("connection refused");
    }
}
