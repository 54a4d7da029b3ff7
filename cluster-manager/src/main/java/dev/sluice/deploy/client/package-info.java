/**
 * Standalone mode on the driver's side: the {@code sluice://} {@link dev.sluice.spi.RuntimeProvider}, which
 * registers an application with the master and turns the executors the master grants and loses into the
 * driver module's cluster deployment ({@code dev.sluice.driver.cluster.ClusterDeployment}).
 *
 * <p>Depends on {@code dev.sluice.deploy}, the driver and executor modules and the network module; never on the master, the
 * worker or the command line, which run in other processes.
 */
package dev.sluice.deploy.client;
