/**
 * Running one task: {@link dev.sluice.executor.task.TaskRunner} deserializes a stage, computes a partition through
 * the lineage's {@code compute} calls, writes its shuffle output or result, and reports a
 * {@link dev.sluice.executor.task.TaskOutcome}; {@link dev.sluice.executor.task.TaskSlots} runs tasks on a pool
 * of threads. Knows nothing of where the executor runs: never depends on {@code executor.cluster}
 * (ArchitectureTest).
 */
package dev.sluice.executor.task;
