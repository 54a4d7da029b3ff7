package dev.sluice.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Objects;

/**
 * The registry a runtime's meters go to: the one the application gave its context, or else a private
 * {@link SimpleMeterRegistry} made the first time someone asks for it. A context that nobody monitors thus
 * never initialises Micrometer and its logging, which costs a fresh JVM about a third of local mode's first
 * job. Thread-safe.
 */
public final class MeterRegistrySource {
    private final boolean given;
    private MeterRegistry registry; // guarded by this

    private MeterRegistrySource(MeterRegistry registry) {
        this.given = registry != null;
        this.registry = registry;
    }

    /** The application's registry. */
    public static MeterRegistrySource of(MeterRegistry registry) {
        return new MeterRegistrySource(Objects.requireNonNull(registry, "registry"));
    }

    /** A private registry, made when first asked for. */
    public static MeterRegistrySource onDemand() {
        return new MeterRegistrySource(null);
    }

    /** Whether the application gave the registry (so its meters should be registered from the start). */
    public boolean isGiven() {
        return given;
    }

    /** The registry, made now if it is private and nobody asked for it before. */
    public synchronized MeterRegistry get() {
        if (registry == null) {
            registry = new SimpleMeterRegistry();
        }
        return registry;
    }
}
