/**
 * Execution memory for spillable structures: the {@link dev.sluice.shuffle.memory.MemoryPool} a task's grants come
 * from (the executor's, or a fixed budget), the task's {@link dev.sluice.shuffle.memory.TaskMemory} that shares them
 * between its {@link dev.sluice.shuffle.memory.MemoryConsumer}s and makes them spill for each other, the
 * {@link dev.sluice.shuffle.memory.MemoryReservation} each consumer holds, and heap size estimation
 * ({@link dev.sluice.shuffle.memory.SizeEstimator}, {@link dev.sluice.shuffle.memory.RecordSizeSampler}). Depends on
 * nothing else in the module.
 */
package dev.sluice.shuffle.memory;
