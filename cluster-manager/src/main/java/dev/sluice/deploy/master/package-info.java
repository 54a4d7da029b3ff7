/**
 * The standalone master. {@link dev.sluice.deploy.master.Master} is its composition root and lifecycle (listener,
 * JSON state, timer); {@code MasterCore} wires its parts, which tests drive with fake workers and drivers:
 * <ul>
 *   <li>message handlers, one class per sender ({@code WorkerHandlers}, {@code ApplicationHandlers},
 *       {@code CommandHandlers}), routed by message type;</li>
 *   <li>{@code Liveness}: silent workers, and after a restart what did not come back in time;</li>
 *   <li>{@code Scheduler}: drivers and executors onto the workers' free resources, deciding with the pure
 *       {@code DriverPlacement} and {@link dev.sluice.deploy.master.ExecutorPlacement};</li>
 *   <li>lifecycles ({@code WorkerLifecycle}, {@code ApplicationLifecycle}, {@code DriverLifecycle}): how workers,
 *       applications, executors and drivers join, move and end;</li>
 *   <li>{@code RecoveryCoordinator}: what a {@link dev.sluice.deploy.master.RecoveryStore} keeps, and restoring it;</li>
 *   <li>{@code ClusterRegistry}: the state (the mutable {@code *Info} records), guarded by its lock;
 *       {@code MasterViews} reads it for the JSON state.</li>
 * </ul>
 * Inside the package the parts depend one way, in the order listed; workers and drivers are reached only through
 * {@code Peer}. The parts log under the {@code Master}'s logger, so the master's log reads as one.
 *
 * <p>Depends on {@code dev.sluice.deploy}, {@code dev.sluice.deploy.http}, the network module and the
 * configuration; never on the worker, the driver-side client or the command line.
 */
package dev.sluice.deploy.master;
