/**
 * Telling a silent peer from a dead one: {@link dev.sluice.network.liveness.SilenceDetector} measures how long each
 * peer (an executor, a worker) has said nothing, counting only the time this process was itself running.
 *
 * <p>Depends on nothing else in Sluice; the driver's executor registry and the standalone master use it.
 */
package dev.sluice.network.liveness;
