/**
 * {@code bin/sluice}'s cluster commands ({@code master}, {@code worker}, {@code submit}, {@code status},
 * {@code kill}) on picocli, with the settings they read ({@code conf/sluice-defaults.conf}, flags, the cluster's secret).
 *
 * <p>The outermost layer: may depend on every other package of the module (it starts masters and workers and
 * talks to them as a client), and nothing depends on it.
 */
package dev.sluice.deploy.cli;
