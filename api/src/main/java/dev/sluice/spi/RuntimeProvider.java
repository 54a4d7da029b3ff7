package dev.sluice.spi;

import dev.sluice.config.SluiceConfig;

/**
 * Creates runtimes for the master URLs it understands: {@code local[N]} and {@code local-cluster[…]} (module
 * driver), {@code sluice://…} (module cluster-manager). Registered in {@code META-INF/services/dev.sluice.spi.RuntimeProvider}.
 */
public interface RuntimeProvider {

    /** Whether this provider runs jobs for {@code master}. */
    boolean accepts(String master);

    /** A new runtime; {@code config} is already validated, and its meters go to {@code registry}. */
    Runtime create(String appId, SluiceConfig config, MeterRegistrySource registry);
}
