/**
 * The DAG scheduler: turns a planned job into stage runs, launches their tasks on a
 * {@link dev.sluice.driver.scheduler.SchedulerBackend}, retries failed tasks, resubmits stages after fetch
 * failures or lost executors ({@code FailureHandler}, {@code StageLauncher}), and completes the job. Does not know which backend runs its tasks: never depends on
 * {@code driver.local} or {@code driver.cluster} (ArchitectureTest).
 */
package dev.sluice.driver.scheduler;
