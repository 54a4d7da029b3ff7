package dev.sluice.executor.cluster;

import dev.sluice.executor.cluster.ClusterMessages.MetricValues;
import dev.sluice.executor.metrics.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * Copies executors' meters into the driver's registry, each tagged with its executor: executors report their
 * cumulative counter values, and the mirror adds what grew since the last report.
 */
final class ExecutorMetricsMirror {
    private final MeterRegistry registry;
    private final Map<String, Double> lastSeen = new HashMap<>(); // guarded by this

    ExecutorMetricsMirror(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Applies an executor's report (reports of one executor may arrive out of order; older values are ignored). */
    synchronized void update(String executorId, MetricValues values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.names().length; i++) {
            String name = values.names()[i];
            double value = values.values()[i];
            String key = executorId + '\u0000' + name;
            double previous = lastSeen.getOrDefault(key, 0.0);
            if (value > previous) {
                lastSeen.put(key, value);
                Counter.builder(name).tag(EngineMetrics.EXECUTOR_TAG, executorId).register(registry)
                        .increment(value - previous);
            }
        }
    }

    /** Records a successful task's duration under its executor. */
    void taskFinished(String executorId, long durationNanos) {
        Timer.builder("sluice.task.duration").tag(EngineMetrics.EXECUTOR_TAG, executorId).register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
