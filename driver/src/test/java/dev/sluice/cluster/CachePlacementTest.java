package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Dataset;
import dev.sluice.Sluice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks reading a cached partition run on the executor that holds it, and a task that reads partitions cached on
 * another executor fetches them from there: later actions never recompute a cached partition.
 */
@Timeout(120)
class CachePlacementTest {

    @TempDir
    Path localDir;

    @Test
    void laterActionsOnACachedDatasetHitTheCacheOnEveryPartition() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,256]").appName("placement")
                .config("sluice.local.dir", localDir.toString())
                .meterRegistry(registry)
                .create()) {
            Dataset<Long> cached = sluice.range(0, 100_000, 8).map(x -> x * 2).cache();
            assertThat(cached.count()).isEqualTo(100_000);
            assertThat(ClusterFaults.counterSum(registry, "sluice.cache.misses")).isEqualTo(8);

            for (int i = 0; i < 3; i++) {
                assertThat(cached.map(x -> x + 1).count()).isEqualTo(100_000);
            }

            assertThat(ClusterFaults.counterSum(registry, "sluice.cache.misses")).as("partitions computed again").isEqualTo(8);
            assertThat(ClusterFaults.counterSum(registry, "sluice.cache.hits")).isEqualTo(3 * 8);
            // both executors hold part of the cache: the first action spread its tasks
            assertThat(registry.find("sluice.cache.misses").functionCounters()).filteredOn(c -> c.count() > 0)
                    .extracting(c -> c.getId().getTag("executor")).containsExactlyInAnyOrder("1", "2");
        }
    }


    @Test
    void aTaskReadsPartitionsCachedOnAnotherExecutorFromThereInsteadOfRecomputingThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,256]").appName("remote-cache")
                .config("sluice.local.dir", localDir.toString())
                .meterRegistry(registry)
                .create()) {
            Dataset<Long> cached = sluice.range(0, 100_000, 8).map(x -> x * 2).cache();
            assertThat(cached.count()).isEqualTo(100_000);

            // one task reads all 8 partitions; the executors hold about half each
            assertThat(cached.coalesce(1).reduce(Long::sum)).isEqualTo(99_999L * 100_000L);

            assertThat(ClusterFaults.counterSum(registry, "sluice.cache.misses")).as("partitions computed").isEqualTo(8);
            assertThat(ClusterFaults.counterSum(registry, "sluice.cache.remote.hits")).isPositive();
            assertThat(ClusterFaults.counterSum(registry, "sluice.cache.hits")
                    + ClusterFaults.counterSum(registry, "sluice.cache.remote.hits")).isEqualTo(8);
        }
    }
}
