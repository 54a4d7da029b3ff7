package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One benchmark workload of the shared anchors ({@code ../shared/anchors/README.md}), runnable by
 * name from {@link Main}.
 */
public interface Workload {

    /** The name on the command line and in the RESULT line, e.g. {@code aggregate}. */
    String name();

    /**
     * Runs the workload once over the anchor data in {@code dataDir} and returns what follows the
     * name in its RESULT line: the measurement, two spaces, then the digest.
     */
    String run(Path dataDir) throws IOException;
}
