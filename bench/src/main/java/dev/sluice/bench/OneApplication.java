package dev.sluice.bench;

import dev.sluice.Sluice;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs data workloads one after another in a single application (one context), as a driver program for a
 * cluster: {@code OneApplication DATA_DIR [workload ...]}, submitted with {@code bin/sluice submit --class
 * dev.sluice.bench.OneApplication sluice-bench.jar DATA_DIR}, so the master and settings come from the system
 * properties {@code submit} sets. After each workload it prints its RESULT line (as {@link Main} does) and
 * one line of the driver's meters counted during that workload:
 * {@code METERS <workload> launches=… resubmissions=… failures=…} (task attempts launched, stage attempts started
 * again after lost map outputs, task attempts that threw). A failed workload prints {@code FAILED <workload>:
 * <error>} and the others still run; the exit status is then 1.
 */
public final class OneApplication {
    private OneApplication() {
    }

    /** Entry point: {@code DATA_DIR [workload ...]}. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: OneApplication DATA_DIR [workload ...]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        List<DatasetWorkload> workloads = new ArrayList<>();
        List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : Workloads.names().stream().filter(n -> Workloads.named(n) instanceof DatasetWorkload).toList();
        for (String name : names) {
            if (!(Workloads.named(name) instanceof DatasetWorkload workload)) {
                System.err.println("Not a data workload: " + name);
                System.exit(2);
                return;
            }
            workloads.add(workload);
        }
        boolean failed = false;
        try (Sluice sluice = Sluice.builder().appName("bench-one-application").create()) {
            MeterRegistry registry = sluice.meterRegistry();
            for (DatasetWorkload workload : workloads) {
                Meters before = Meters.read(registry);
                long start = System.nanoTime();
                try {
                    String digest = workload.digest(sluice, dataDir);
                    System.out.printf(Locale.ROOT, "RESULT sluice %-10s %8.2f s  %s%n", workload.name(),
                            (System.nanoTime() - start) / 1e9, digest);
                } catch (Exception e) {
                    failed = true;
                    System.out.println("FAILED " + workload.name() + ": " + e.toString().replace('\n', ' '));
                    e.printStackTrace();
                }
                Meters used = Meters.read(registry).minus(before);
                System.out.printf(Locale.ROOT, "METERS %s launches=%d resubmissions=%d failures=%d%n", workload.name(),
                        used.launches(), used.resubmissions(), used.failures());
                System.out.flush();
            }
        }
        System.exit(failed ? 1 : 0);
    }

    /** The driver's counts of task launches, stage resubmissions and task failures (summed over executors). */
    record Meters(long launches, long resubmissions, long failures) {
        static Meters read(MeterRegistry registry) {
            return new Meters(sum(registry, "sluice.task.launches"), sum(registry, "sluice.stage.resubmissions"),
                    sum(registry, "sluice.task.failures"));
        }

        private static long sum(MeterRegistry registry, String name) {
            return Math.round(registry.find(name).functionCounters().stream().mapToDouble(FunctionCounter::count).sum());
        }

        Meters minus(Meters earlier) {
            return new Meters(launches - earlier.launches, resubmissions - earlier.resubmissions,
                    failures - earlier.failures);
        }
    }
}
