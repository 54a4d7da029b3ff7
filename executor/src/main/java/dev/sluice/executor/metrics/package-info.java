/**
 * The engine's Micrometer meters (tasks, shuffle bytes, spills, cache hits, …), registered per executor and
 * mirrored on the driver. Depends on nothing else of Sluice.
 */
package dev.sluice.executor.metrics;
