package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.Sluice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A groupByKey whose shuffle is several times larger than the executors' heaps: the fetch stays within its
 * in-flight caps, the grouping spills, and every value arrives exactly once.
 */
@Timeout(300)
class LargeShuffleTest {
    private static final int KEYS = 500;
    private static final long RECORDS = 3_000_000;

    @TempDir
    Path localDir;

    @Test
    void aGroupByKeyLargerThanTheExecutorsHeapsCompletes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,96]").appName("large")
                .config("sluice.local.dir", localDir.toString())
                .config("sluice.shuffle.maxBytesInFlight", "8m")
                .meterRegistry(registry)
                .create()) {
            List<Pair<Integer, long[]>> groups = sluice.range(0, RECORDS, 8)
                    .mapToPair(i -> Pair.of((int) (i % KEYS), padded(i)))
                    .groupByKey(6)
                    .mapValues(values -> {
                        long count = 0;
                        long sum = 0;
                        for (String v : values) {
                            count++;
                            sum += Long.parseLong(v.substring(0, v.indexOf(' ')));
                        }
                        return new long[] {count, sum};
                    })
                    .collect();

            assertThat(groups).hasSize(KEYS);
            for (Pair<Integer, long[]> group : groups) {
                long k = group.key();
                long count = RECORDS / KEYS;
                // the values of key k are k, k + KEYS, ..., k + (count - 1) * KEYS
                assertThat(group.value()).as("key %d", k)
                        .containsExactly(count, count * k + KEYS * count * (count - 1) / 2);
            }
            double shuffled = ClusterFaults.counterSum(registry, "sluice.shuffle.bytes.written");
            assertThat(shuffled).as("shuffle bytes").isGreaterThan(3.0 * 96 * 1024 * 1024);
            assertThat(ClusterFaults.counterSum(registry, "sluice.spill.bytes")).as("spilled bytes").isPositive();
        }
    }

    /** A value of about 120 bytes that starts with the record's number. */
    private static String padded(long i) {
        return i + " " + "v".repeat(112);
    }

}
