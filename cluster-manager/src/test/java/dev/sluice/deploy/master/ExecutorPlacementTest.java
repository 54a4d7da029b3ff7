package dev.sluice.deploy.master;

import dev.sluice.deploy.master.ExecutorPlacement.Assignment;
import dev.sluice.deploy.master.ExecutorPlacement.Offer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorPlacementTest {
    private static final List<Offer> THREE_WORKERS = List.of(new Offer("a", 4, 8192), new Offer("b", 4, 8192),
            new Offer("c", 4, 8192));

    @Test
    void spreadsOneCoreExecutorsRoundRobin() {
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 1, 1024, 4, true)).containsExactly(
                new Assignment("a", 1), new Assignment("a", 1), new Assignment("b", 1), new Assignment("c", 1));
    }

    @Test
    void fillsOneWorkerFirstWhenNotSpreading() {
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 2, 1024, 6, false)).containsExactly(
                new Assignment("a", 2), new Assignment("a", 2), new Assignment("b", 2));
    }

    @Test
    void withoutCoresPerExecutorEachWorkerGetsOneExecutorWithItsShare() {
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 0, 1024, Integer.MAX_VALUE, true)).containsExactly(
                new Assignment("a", 4), new Assignment("b", 4), new Assignment("c", 4));
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 0, 1024, 5, true)).containsExactly(
                new Assignment("a", 2), new Assignment("b", 2), new Assignment("c", 1));
    }

    @Test
    void respectsMemoryAndSkipsWorkersWithoutRoom() {
        List<Offer> offers = List.of(new Offer("small", 8, 1500), new Offer("busy", 0, 8192), new Offer("big", 8, 4096));
        assertThat(ExecutorPlacement.assign(offers, 1, 1024, 100, true)).containsExactly(
                new Assignment("small", 1), new Assignment("big", 1), new Assignment("big", 1), new Assignment("big", 1),
                new Assignment("big", 1));
    }

    @Test
    void givesNothingWhenNoWorkerFitsOrNothingIsWanted() {
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 8, 1024, 100, true)).isEmpty();
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 1, 16384, 100, true)).isEmpty();
        assertThat(ExecutorPlacement.assign(THREE_WORKERS, 2, 1024, 1, true)).isEmpty();
        assertThat(ExecutorPlacement.assign(List.of(), 1, 1024, 4, true)).isEmpty();
    }
}
