package dev.sluice.driver.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.SluiceConfig;
import dev.sluice.driver.scheduler.ExecutorLostException;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.executor.protocol.ClusterMessages;
import dev.sluice.executor.protocol.ClusterMessages.MetricValues;
import dev.sluice.executor.protocol.ClusterMessages.TaskFailed;
import dev.sluice.executor.protocol.ClusterMessages.TaskFinished;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.serial.JavaSerialization;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.Serializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How executors' reports become the scheduler's task outcomes. */
class TaskReportsTest {
    private static final MetricValues NO_METRICS = new MetricValues(new String[0], new double[0]);
    private static final TaskDescription TASK = new TaskDescription(7, 1, 2, 0, 3, 0, new byte[0], new byte[0], 0,
            List.of());

    private final ClassLoader loader = getClass().getClassLoader();
    private final Serializer data = ExecutorEnvironment.serializer(SluiceConfig.defaults(), loader);
    private final TaskReports reports = new TaskReports(ClusterMessages.newSerializer(), data, loader);

    private static TaskFailed failed(boolean killed, byte[] error, int fetchShuffleId) {
        return new TaskFailed(7, "e1", killed, "what the executor printed", error, fetchShuffleId, 4, 5, NO_METRICS);
    }

    @Test
    void aMapTaskFinishesWithItsStatus() {
        MapStatus status = new MapStatus(9, 3, new long[] {1});

        TaskOutcome.Success outcome = reports.finished(
                new TaskFinished(7, "e1", 100, status, null, 0, new long[0], NO_METRICS), null);

        assertThat(outcome.value()).isSameAs(status);
        assertThat(outcome.executorId()).isEqualTo("e1");
        assertThat(outcome.durationNanos()).isEqualTo(100);
    }

    @Test
    void aResultTaskFinishesWithItsResultReadOnlyWhenFetched() throws Exception {
        byte[] bytes = data.serialize(List.of("a", "b"));

        TaskOutcome.Success outcome = reports.finished(
                new TaskFinished(7, "e1", 100, null, bytes, bytes.length, new long[0], NO_METRICS), null);

        RemoteResult result = (RemoteResult) outcome.value();
        assertThat(result.sizeBytes()).isEqualTo(bytes.length);
        assertThat(result.fetch()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aKillTheSchedulerAskedForIsAKill() {
        assertThat(reports.failed(failed(true, null, -1), TASK, true)).isInstanceOf(TaskOutcome.Killed.class);
    }

    @Test
    void aKillNobodyAskedForIsALostExecutor() {
        TaskOutcome outcome = reports.failed(failed(true, null, -1), TASK, false);

        assertThat(((TaskOutcome.Failure) outcome).error()).isInstanceOf(ExecutorLostException.class)
                .hasMessageContaining("e1").hasMessageContaining("it stopped while running " + TASK);
    }

    @Test
    void aFailedFetchNamesTheBlock() {
        TaskOutcome outcome = reports.failed(failed(false, null, 6), TASK, false);

        assertThat(((TaskOutcome.Failure) outcome).error()).isInstanceOfSatisfying(FetchFailedException.class,
                e -> assertThat(e.block()).isEqualTo(new ShuffleBlockId(6, 4, 5)));
    }

    @Test
    void theTasksErrorIsRebuiltWhenItCanBeAndDescribedWhenNot() {
        byte[] error = JavaSerialization.serialize(new IllegalStateException("boom"));

        TaskOutcome rebuilt = reports.failed(failed(false, error, -1), TASK, false);
        TaskOutcome described = reports.failed(failed(false, new byte[] {1, 2, 3}, -1), TASK, false);

        assertThat(((TaskOutcome.Failure) rebuilt).error()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(((TaskOutcome.Failure) described).error()).isInstanceOf(RemoteTaskException.class)
                .hasMessage("on executor e1: what the executor printed");
    }
}
