/**
 * The seam between the user API and a runtime: the lineage a runtime executes ({@link dev.sluice.spi.Node},
 * {@link dev.sluice.spi.Dependency}), the services a running task gets ({@link dev.sluice.spi.TaskContext}),
 * and how a runtime is found for a master URL ({@link dev.sluice.spi.RuntimeProvider}, via
 * {@link java.util.ServiceLoader}). User programs never need this package.
 */
package dev.sluice.spi;
