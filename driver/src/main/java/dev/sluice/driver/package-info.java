/**
 * The driver: {@link dev.sluice.driver.DriverRuntime} is the runtime behind a context (the SPI's
 * {@code Runtime}): it plans a job with the planner, runs it with the scheduler on a
 * {@link dev.sluice.driver.Deployment}, and owns the map-output tracker and the cached-block locations.
 *
 * <p>The driver module may depend on the executor, planner, shuffle, network and API modules; only the cluster
 * manager, notebooks and benchmarks depend on it (ArchitectureTest).
 */
package dev.sluice.driver;
