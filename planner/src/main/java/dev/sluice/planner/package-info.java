/**
 * Planning: {@link dev.sluice.planner.DagPlanner} cuts a job's lineage into {@link dev.sluice.planner.Stage}s at
 * shuffle boundaries, a pure function of the lineage; {@code PlanDescriber} renders plans for {@code explain()}.
 * Depends only on the SPI side of the API (spi, plan, partition, storage), never on datasets, lineage classes,
 * the runtime or the network (ArchitectureTest).
 */
package dev.sluice.planner;
