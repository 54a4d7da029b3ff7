package dev.sluice.executor.cluster;

import dev.sluice.executor.metrics.EngineCounter;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.protocol.ClusterMessages.MetricValues;
import dev.sluice.executor.protocol.ClusterMessages.TaskFailed;
import dev.sluice.executor.protocol.ClusterMessages.TaskFinished;
import dev.sluice.executor.storage.BlockId;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.executor.task.TaskDescription;
import dev.sluice.executor.task.TaskOutcome;
import dev.sluice.serial.JavaSerialization;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.serializer.Serializer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an executor's task outcomes into the messages the driver reads: map statuses as they are, results
 * serialized (small ones inline, large ones kept here until the driver fetches them), errors Java-serialized
 * with a text description that survives when the driver cannot load the error's class.
 */
final class TaskReporter {
    private final String executorId;
    private final Serializer serializer;
    private final BlockManager blocks;
    private final EngineMetrics metrics;
    private final int directResultLimit;
    private final Map<Long, byte[]> largeResults = new ConcurrentHashMap<>();

    TaskReporter(String executorId, Serializer serializer, BlockManager blocks, EngineMetrics metrics,
                 int directResultLimit) {
        this.executorId = executorId;
        this.serializer = serializer;
        this.blocks = blocks;
        this.metrics = metrics;
        this.directResultLimit = directResultLimit;
    }

    /** The message reporting how {@code task} ended. */
    Object report(TaskDescription task, TaskOutcome outcome) {
        if (outcome instanceof TaskOutcome.Success success) {
            return finished(task, success);
        }
        if (outcome instanceof TaskOutcome.Killed killed) {
            return new TaskFailed(task.taskId(), executorId, true, killed.reason(), null, -1, -1, -1, metrics());
        }
        return failed(task, ((TaskOutcome.Failure) outcome).error());
    }

    private Object finished(TaskDescription task, TaskOutcome.Success success) {
        long[] cached = cachedBlocks();
        if (success.value() instanceof MapStatus status) {
            return new TaskFinished(task.taskId(), executorId, success.durationNanos(), status, null, 0, cached, metrics());
        }
        byte[] bytes;
        try {
            bytes = serializer.serialize(success.value());
        } catch (RuntimeException e) {
            return failed(task, new IllegalStateException("The result of " + task + " cannot be serialized to be sent "
                    + "to the driver: " + e.getMessage(), e));
        }
        if (bytes.length <= directResultLimit) {
            return new TaskFinished(task.taskId(), executorId, success.durationNanos(), null, bytes, bytes.length, cached,
                    metrics());
        }
        largeResults.put(task.taskId(), bytes);
        return new TaskFinished(task.taskId(), executorId, success.durationNanos(), null, null, bytes.length, cached,
                metrics());
    }

    private Object failed(TaskDescription task, Throwable error) {
        FetchFailedException fetch = fetchFailure(error);
        if (fetch != null) {
            return new TaskFailed(task.taskId(), executorId, false, fetch.getMessage(), null,
                    fetch.block().shuffleId(), fetch.block().mapId(), fetch.block().reduceId(), metrics());
        }
        byte[] serialized;
        try {
            serialized = JavaSerialization.serialize(error);
        } catch (RuntimeException e) {
            serialized = null;
        }
        return new TaskFailed(task.taskId(), executorId, false, describe(error), serialized, -1, -1, -1, metrics());
    }

    /** The fetch failure behind an error, if any (user code or iterators may wrap it). */
    private static FetchFailedException fetchFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FetchFailedException f) {
                return f;
            }
        }
        return null;
    }

    private static String describe(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private long[] cachedBlocks() {
        List<BlockId> stored = blocks.drainStored();
        long[] ids = new long[stored.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((long) stored.get(i).nodeId() << 32) | (stored.get(i).partition() & 0xffffffffL);
        }
        return ids;
    }

    /** The executor's counters, cumulative, for the driver's registry. */
    MetricValues metrics() {
        List<EngineCounter> counters = metrics.executorCounters();
        String[] names = new String[counters.size()];
        double[] values = new double[counters.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = counters.get(i).name();
            values[i] = counters.get(i).count();
        }
        return new MetricValues(names, values);
    }

    /** Hands over a large result for the driver, forgetting it; null if unknown. */
    byte[] takeResult(long taskId) {
        return largeResults.remove(taskId);
    }
}
