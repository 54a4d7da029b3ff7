package dev.sluice.driver.cluster;

import dev.sluice.config.ConfigException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master {@code local-cluster[N,C,M]}: N executor processes with C task threads and M MiB of heap each.
 */
public record LocalClusterShape(int executors, int cores, int memoryMiB) {
    private static final Pattern MASTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
    private static final int MIN_MEMORY_MIB = 64;

    /** Checks the numbers. */
    public LocalClusterShape {
        if (executors < 1 || cores < 1 || memoryMiB < MIN_MEMORY_MIB) {
            throw new ConfigException("local-cluster needs at least 1 executor, 1 core each and " + MIN_MEMORY_MIB
                    + " MiB each, got [" + executors + "," + cores + "," + memoryMiB + "]");
        }
    }

    /** Whether {@code master} names this mode (well-formed or not). */
    public static boolean isLocalCluster(String master) {
        return master.startsWith("local-cluster");
    }

    /**
     * Parses {@code local-cluster[N,C,M]}.
     *
     * @throws ConfigException naming the expected form
     */
    public static LocalClusterShape parse(String master) {
        Matcher m = MASTER.matcher(master.trim());
        if (!m.matches()) {
            throw new ConfigException("Malformed master '" + master + "': expected local-cluster[N,C,M] (N executors, "
                    + "C task threads and M MiB of heap each), e.g. local-cluster[2,1,512]");
        }
        try {
            return new LocalClusterShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new ConfigException("Malformed master '" + master + "': a number is too large");
        }
    }

    @Override
    public String toString() {
        return "local-cluster[" + executors + "," + cores + "," + memoryMiB + "]";
    }
}
