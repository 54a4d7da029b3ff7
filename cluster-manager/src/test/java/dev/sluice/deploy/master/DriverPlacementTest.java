package dev.sluice.deploy.master;

import dev.sluice.deploy.master.ExecutorPlacement.Offer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriverPlacementTest {
    private static final List<Offer> WORKERS = List.of(new Offer("a", 2, 2048), new Offer("b", 1, 4096),
            new Offer("c", 4, 1024));

    @Test
    void theRoundStartsAtTheTurnAndTakesTheFirstWorkerWithRoom() {
        assertThat(DriverPlacement.choose(WORKERS, 1, 1024, 0)).contains("a");
        assertThat(DriverPlacement.choose(WORKERS, 1, 1024, 1)).contains("b");
        assertThat(DriverPlacement.choose(WORKERS, 1, 1024, 5)).contains("c");
        assertThat(DriverPlacement.choose(WORKERS, 2, 2048, 1)).contains("a");
        assertThat(DriverPlacement.choose(WORKERS, 1, 1024, -1)).contains("c");
    }

    @Test
    void noWorkerWithBothTheCoresAndTheMemoryMeansNone() {
        assertThat(DriverPlacement.choose(WORKERS, 4, 2048, 0)).isEmpty();
        assertThat(DriverPlacement.choose(List.of(), 1, 1, 0)).isEmpty();
    }
}
