package dev.sluice.bench;

import dev.sluice.Sluice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A workload that computes a result digest with Sluice jobs over the anchor data. It is timed by
 * wall clock from opening its context to closing it (reading input included), so the time covers
 * everything a user waits for.
 */
public abstract class DatasetWorkload implements Workload {
    private final String name;

    /** A workload called {@code name}. */
    protected DatasetWorkload(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String run(Path dataDir) throws IOException {
        long start = System.nanoTime();
        String digest;
        try (Sluice sluice = BenchContext.create("bench-" + name)) {
            digest = digest(sluice, dataDir);
        }
        return String.format(Locale.ROOT, "%8.2f s  %s", (System.nanoTime() - start) / 1e9, digest);
    }

    /** Runs the workload's jobs on {@code sluice} over the anchor data in {@code dataDir} and returns its digest. */
    public abstract String digest(Sluice sluice, Path dataDir) throws IOException;
}
