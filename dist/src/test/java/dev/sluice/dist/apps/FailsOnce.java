package dev.sluice.dist.apps;

import dev.sluice.Sluice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test application that fails the first time it runs: {@code FailsOnce MARKER OUTPUT_FILE}. Without the marker
 * it creates it and throws; with it, it sums 1..1000 on the cluster and writes the sum.
 */
public final class FailsOnce {
    private FailsOnce() {
    }

    public static void main(String[] args) throws IOException {
        Path marker = Path.of(args[0]);
        if (!Files.exists(marker)) {
            Files.createFile(marker);
            throw new IllegalStateException("the first launch fails on purpose");
        }
        try (Sluice sluice = Sluice.builder().appName("FailsOnce").create()) {
            long sum = sluice.range(1, 1001, 4).reduce(Long::sum);
            Files.writeString(Path.of(args[1]), Long.toString(sum));
        }
    }
}
