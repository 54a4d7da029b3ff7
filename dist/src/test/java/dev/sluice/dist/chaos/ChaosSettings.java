package dev.sluice.dist.chaos;

import java.time.Duration;

/**
 * How the chaos harness sets up its clusters and paces its faults.
 *
 * @param heartbeatTimeout {@code sluice.executor.heartbeatTimeout} and {@code sluice.worker.timeout} of every
 *                         process, short so that a frozen executor or a partitioned worker is noticed quickly
 * @param workerMemory     memory each of the three one-core workers offers (e.g. {@code 2g})
 * @param executorMemory   heap of each executor ({@code sluice.executor.memory}, at most {@code workerMemory})
 * @param driverMemory     heap of the driver ({@code SLUICE_DRIVER_MEMORY})
 * @param killInterval     mean pause between two executor kills of the kill loop (it varies by ±50%)
 * @param seed             seed of every random choice (victims, pauses), so a run can be repeated
 * @param runTimeout       the longest one application may take before the run counts as hung
 */
public record ChaosSettings(Duration heartbeatTimeout, String workerMemory, String executorMemory,
                            String driverMemory, Duration killInterval, long seed, Duration runTimeout) {
}
