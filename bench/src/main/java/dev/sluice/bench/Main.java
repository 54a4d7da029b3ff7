package dev.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs benchmark workloads of {@code ../shared/anchors} on Sluice and prints one
 * {@code RESULT sluice <workload> <seconds> s  <digest>} line each, comparable with the baseline
 * and Spark runners. Usage: {@code Main DATA_DIR [workload ...]} (all workloads by default), with
 * {@code -Dbench.master=local[2]} (the default) and any {@code -Dsluice.*} configuration. A failed
 * workload is reported on stderr, the others still run, and the exit status is 1.
 */
public final class Main {
    private Main() {
    }

    /** Entry point: {@code DATA_DIR [workload ...]}. */
    public static void main(String[] args) {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: Main DATA_DIR [workload ...]   workloads: " + String.join(" ", Workloads.names()));
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        List<Workload> workloads = new ArrayList<>();
        try {
            for (String name : args.length > 1 ? Arrays.asList(args).subList(1, args.length) : Workloads.names()) {
                workloads.add(Workloads.named(name));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        if (!Files.isDirectory(dataDir) && workloads.stream().anyMatch(w -> w instanceof DatasetWorkload)) {
            System.err.println("Data directory " + dataDir + " does not exist (generate it with ../shared/anchors/datagen/DataGen.java)");
            System.exit(2);
        }
        boolean failed = false;
        for (Workload workload : workloads) {
            try {
                System.out.printf("RESULT sluice %-10s %s%n", workload.name(), workload.run(dataDir));
            } catch (Exception | OutOfMemoryError e) {
                failed = true;
                System.err.println("FAILED sluice " + workload.name() + ": " + e);
                e.printStackTrace();
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
