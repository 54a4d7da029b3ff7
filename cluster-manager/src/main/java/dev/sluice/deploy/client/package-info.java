/**
 * Standalone mode on the driver's side: the {@code sluice://} {@link dev.sluice.spi.RuntimeProvider}, which
 * registers an application with the master and turns the executors the master grants and loses into the
 * executor module's cluster deployment.
 *
 * <p>Depends on {@code dev.sluice.deploy}, the executor module and the network module; never on the master, the
 * worker or the command line, which run in other processes.
 */
package dev.sluice.deploy.client;
