package dev.sluice.driver.cluster;

import dev.sluice.executor.metrics.EngineCounter;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.protocol.ClusterMessages.MetricValues;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Copies executors' meters into the driver's registry, each tagged with its executor: executors report their
 * cumulative counter values, and the mirror adds what grew since the last report to its copy of that executor's
 * meters, registered in the driver's registry when the executor first reports.
 */
final class ExecutorMetricsMirror {
    private final MeterRegistry registry;
    private final Map<String, EngineMetrics> executors = new HashMap<>(); // guarded by this
    private final Map<String, Long> lastSeen = new HashMap<>(); // guarded by this

    ExecutorMetricsMirror(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Applies an executor's report (reports of one executor may arrive out of order; older values are ignored). */
    synchronized void update(String executorId, MetricValues values) {
        if (values == null) {
            return;
        }
        EngineMetrics executor = executor(executorId);
        for (int i = 0; i < values.names().length; i++) {
            EngineCounter counter = executor.executorCounter(values.names()[i]).orElse(null);
            if (counter == null) {
                continue; // a meter this driver does not know (an executor of another version)
            }
            long value = (long) values.values()[i];
            String key = executorId + '\u0000' + counter.name();
            long previous = lastSeen.getOrDefault(key, 0L);
            if (value > previous) {
                lastSeen.put(key, value);
                counter.increment(value - previous);
            }
        }
    }

    /** Records a successful task's duration under its executor. */
    synchronized void taskFinished(String executorId, long durationNanos) {
        executor(executorId).taskDuration.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private EngineMetrics executor(String executorId) {
        return executors.computeIfAbsent(executorId, id -> {
            EngineMetrics metrics = new EngineMetrics(id);
            metrics.bindExecutorMeters(registry);
            return metrics;
        });
    }
}
