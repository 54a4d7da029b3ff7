package dev.sluice.spi;

import dev.sluice.config.SluiceConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Creates runtimes for the master URLs it understands ({@code local[N]}, later {@code local-cluster[…]}
 * and {@code sluice://…}). Registered in {@code META-INF/services/dev.sluice.spi.RuntimeProvider}.
 */
public interface RuntimeProvider {

    /** Whether this provider runs jobs for {@code master}. */
    boolean accepts(String master);

    /** A new runtime; {@code config} is already validated. */
    Runtime create(String appId, SluiceConfig config, MeterRegistry registry);
}
