package dev.sluice.dist.chaos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-workload lines {@code dev.sluice.bench.OneApplication} prints: {@code RESULT sluice NAME SECONDS s
 * DIGEST}, {@code FAILED NAME: ERROR} and {@code METERS NAME launches=… resubmissions=… failures=…}.
 */
record DriverOutput(Map<String, Workload> workloads) {
    private static final Pattern RESULT = Pattern.compile("^RESULT sluice (\\S+) +([0-9.]+) s  (.*)$", Pattern.MULTILINE);
    private static final Pattern FAILED = Pattern.compile("^FAILED (\\S+): (.*)$", Pattern.MULTILINE);
    private static final Pattern METERS = Pattern.compile(
            "^METERS (\\S+) launches=(\\d+) resubmissions=(\\d+) failures=(\\d+)$", Pattern.MULTILINE);

    /** One workload's line: seconds (NaN if it failed), digest or failure, and its meters. */
    record Workload(double seconds, String digest, long launches, long resubmissions) {
    }

    static DriverOutput parse(String stdout) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        for (Matcher m = RESULT.matcher(stdout); m.find(); ) {
            seconds.put(m.group(1), Double.parseDouble(m.group(2)));
            digests.put(m.group(1), m.group(3).strip());
        }
        for (Matcher m = FAILED.matcher(stdout); m.find(); ) {
            seconds.put(m.group(1), Double.NaN);
            digests.put(m.group(1), "FAILED: " + m.group(2));
        }
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (Matcher m = METERS.matcher(stdout); m.find(); ) {
            String name = m.group(1);
            workloads.put(name, new Workload(seconds.getOrDefault(name, Double.NaN),
                    digests.getOrDefault(name, "no RESULT line"), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        return new DriverOutput(workloads);
    }
}
