package dev.sluice.bench;

import dev.sluice.Sluice;

/**
 * Opens the Sluice contexts of the benchmark: master from {@code -Dbench.master} (default
 * {@code local[2]}, like the other runners), and every {@code -Dsluice.*} system property as
 * configuration.
 */
public final class BenchContext {
    /** The master every benchmark context runs on. */
    public static final String MASTER = System.getProperty("bench.master", "local[2]");

    private BenchContext() {
    }

    /** A new context named {@code appName}; the caller closes it. */
    public static Sluice create(String appName) {
        Sluice.Builder builder = Sluice.builder().master(MASTER).appName(appName);
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("sluice."))
                .forEach(key -> builder.config(key, System.getProperty(key)));
        return builder.create();
    }
}
