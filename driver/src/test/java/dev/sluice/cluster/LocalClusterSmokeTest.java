package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import dev.sluice.Sluice;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalClusterSmokeTest {

    @Test
    void aShuffleJobRunsOnTwoExecutorProcesses() {
        long start = System.nanoTime();
        try (Sluice sluice = Sluice.builder().master("local-cluster[2,1,512]").appName("smoke").create()) {
            System.out.println("started in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            Map<Long, Long> counts = sluice.range(0, 10_000, 4)
                    .mapToPair(i -> Pair.of(i % 7, 1L))
                    .reduceByKey(Long::sum)
                    .collectAsMap();
            System.out.println("job done at " + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertThat(counts).hasSize(7);
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
        }
        System.out.println("closed at " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
