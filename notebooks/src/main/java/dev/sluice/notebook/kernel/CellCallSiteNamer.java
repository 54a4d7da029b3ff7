package dev.sluice.notebook.kernel;

import dev.sluice.spi.CallSiteNamer;

import java.util.Optional;

/**
 * Names call sites in notebook cells for Sluice's plans and errors ({@code cell [3] line 2}).
 * Sluice loads it with {@link java.util.ServiceLoader}; it answers for the cells of the kernel
 * running in this JVM, if any.
 */
public final class CellCallSiteNamer implements CallSiteNamer {
    private static volatile CellPlaces active;

    static void activate(CellPlaces places) {
        active = places;
    }

    @Override
    public Optional<String> name(String className, int lineNumber) {
        CellPlaces places = active;
        return places == null ? Optional.empty() : places.name(className, lineNumber);
    }
}
