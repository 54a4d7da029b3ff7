/**
 * The read-only JSON state a master or a worker serves over HTTP ({@code /api/v1/workers}, {@code applications},
 * {@code drivers}), which {@code bin/sluice status} reads.
 *
 * <p>Depends only on {@link dev.sluice.deploy.ClusterState} (and the JDK's HTTP server and Jackson); the master
 * and the worker depend on it.
 */
package dev.sluice.deploy.http;
