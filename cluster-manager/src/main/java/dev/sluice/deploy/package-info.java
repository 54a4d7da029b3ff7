/**
 * Standalone mode's shared vocabulary: the control-plane messages between workers, the master, drivers and the
 * command line ({@link dev.sluice.deploy.DeployMessages}), what a master or worker shows of itself
 * ({@link dev.sluice.deploy.ClusterState}), the master's address ({@link dev.sluice.deploy.MasterUrl}), the
 * by-type dispatch of incoming messages ({@link dev.sluice.deploy.MessageRoutes}), and how a driver's main class
 * is run ({@link dev.sluice.deploy.ApplicationMain}).
 *
 * <p>Depends on the network module's messaging and on the executors' {@code dev.sluice.executor.protocol} messages;
 * never on its subpackages, which all depend on it.
 */
package dev.sluice.deploy;
