/**
 * The standalone worker. {@link dev.sluice.deploy.worker.Worker} is its composition root and lifecycle (settings,
 * listener, JSON state, timer); {@code MasterLink} registers with the master, reconnects and heartbeats;
 * {@code WorkerProcesses} runs the executors and drivers the master asks for ({@code ProcessCommands} builds
 * their command lines, {@code ProcessRunner} runs one) and reports their exits; {@code WorkerDirectories} and
 * {@code WorkDirNames} say where their files go and keep messages from naming anything outside the work
 * directory; {@code WorkerViews} shows it all. {@link dev.sluice.deploy.worker.DriverWrapper} is the main class of
 * a driver process it starts.
 *
 * <p>Depends on {@code dev.sluice.deploy}, {@code dev.sluice.deploy.http}, the executor module's process entry
 * points and launch protocol ({@code dev.sluice.executor.cluster}, {@code dev.sluice.executor.protocol}), the network module and the configuration; never on the master, the
 * driver-side client or the command line.
 */
package dev.sluice.deploy.worker;
