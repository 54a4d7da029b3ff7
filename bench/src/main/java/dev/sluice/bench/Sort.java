package dev.sluice.bench;

import dev.sluice.Sluice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sort}: sorts the lines of {@code sort/} by their 10-character key with {@code sortByKey},
 * writes them with {@code saveAsTextFile} to a temporary directory, and digests the part files
 * read back in name order ({@link Digests#sortDigest}); the output is deleted afterwards.
 */
public final class Sort extends DatasetWorkload {

    /** The sort workload. */
    public Sort() {
        super("sort");
    }

    @Override
    public String digest(Sluice sluice, Path dataDir) throws IOException {
        Path scratch = Files.createTempDirectory("sluice-bench-sort-");
        try {
            Path output = scratch.resolve("sorted");
            Inputs.sortRecords(sluice, dataDir)
                    .sortByKey()
                    .map(record -> record.key() + "\t" + record.value())
                    .saveAsTextFile(output.toString());
            return Digests.sortDigest(output);
        } finally {
            Digests.deleteTree(scratch);
        }
    }
}
