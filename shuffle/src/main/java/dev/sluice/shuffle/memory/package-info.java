/**
 * Execution memory for spillable collections: the {@link dev.sluice.shuffle.memory.TaskMemory} grant a task
 * gets from the executor, heap size estimation ({@link dev.sluice.shuffle.memory.SizeEstimator},
 * {@link dev.sluice.shuffle.memory.RecordSizeSampler}) and the bookkeeping a collection uses to decide when
 * to spill ({@link dev.sluice.shuffle.memory.MemoryReservation}).
 */
package dev.sluice.shuffle.memory;
