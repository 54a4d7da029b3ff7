/**
 * Where a shuffle's map outputs are: {@link dev.sluice.shuffle.tracker.MapOutputTracker} records each map task's
 * {@code MapStatus} on the driver, drops the outputs of a lost executor (bumping an epoch), and answers reducers;
 * executors ask it through {@link dev.sluice.shuffle.tracker.MapOutputLookup}. Depends on the shuffle's io package.
 */
package dev.sluice.shuffle.tracker;
