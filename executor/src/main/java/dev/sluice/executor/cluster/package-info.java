/**
 * The executor process of the cluster modes: {@link dev.sluice.executor.cluster.ExecutorMain} starts an
 * {@link dev.sluice.executor.cluster.ExecutorProcess}, which registers with the driver, runs the tasks it is sent
 * in {@code TaskSlots}, reports their outcomes and meters, heartbeats, serves its shuffle files and cached blocks,
 * and fetches the application's jars and classes. Depends on the executor's other packages and the protocol.
 */
package dev.sluice.executor.cluster;
