package dev.sluice.driver.cluster;

import dev.sluice.driver.scheduler.ExecutorLostException;
import dev.sluice.executor.protocol.ClusterMessages.TaskFailed;
import dev.sluice.executor.protocol.ClusterMessages.TaskFinished;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.serial.JavaSerialization;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an executor's report on a task into the {@link TaskOutcome} the scheduler understands: a map status or a
 * {@link RemoteResult} for a finished task; for a failed one, a kill, a lost executor (killed though nobody asked),
 * a {@link FetchFailedException}, the task's own error rebuilt, or a {@link RemoteTaskException} describing it.
 *
 * <p>Stateless, so thread-safe; it knows nothing of executors or slots, and is tested alone.
 */
final class TaskReports {
    private static final Logger LOG = LoggerFactory.getLogger(TaskReports.class);

    private final ControlSerializer control;
    private final Serializer data;
    private final ClassLoader loader;

    /**
     * @param control the serializer of messages to executors (a large result is fetched with one)
     * @param data    the serializer of result values
     * @param loader  the loader of the classes of task errors
     */
    TaskReports(ControlSerializer control, Serializer data, ClassLoader loader) {
        this.control = control;
        this.data = data;
        this.loader = loader;
    }

    /** The outcome of a finished task; a result value stays remote until the scheduler fetches it from {@code executor}. */
    TaskOutcome.Success finished(TaskFinished report, MessageClient executor) {
        Object value = report.mapStatus() != null ? report.mapStatus()
                : new RemoteResult(report.taskId(), report.result(), report.resultBytes(), executor, control, data);
        return new TaskOutcome.Success(value, report.durationNanos(), report.executorId());
    }

    /** The outcome of a failed or killed {@code task}; {@code killRequested} if the scheduler asked to kill it. */
    TaskOutcome failed(TaskFailed report, TaskDescription task, boolean killRequested) {
        if (report.killed() && killRequested) {
            return new TaskOutcome.Killed(report.description());
        }
        if (report.killed()) {
            // Nobody here asked: the executor is stopping (its worker died, say). The task must run elsewhere.
            return new TaskOutcome.Failure(new ExecutorLostException(report.executorId(), "it stopped while running "
                    + task + ": " + report.description()));
        }
        if (report.fetchShuffleId() >= 0) {
            ShuffleBlockId block = new ShuffleBlockId(report.fetchShuffleId(), report.fetchMapId(), report.fetchReduceId());
            return new TaskOutcome.Failure(new FetchFailedException(block, "on executor " + report.executorId() + ": "
                    + report.description(), null));
        }
        if (report.error() != null) {
            try {
                return new TaskOutcome.Failure(JavaSerialization.<Throwable>deserialize(report.error(), loader));
            } catch (RuntimeException e) {
                LOG.debug("Cannot rebuild the error of task {} from executor {}", report.taskId(), report.executorId(), e);
            }
        }
        return new TaskOutcome.Failure(new RemoteTaskException(report.executorId(), report.description()));
    }
}
