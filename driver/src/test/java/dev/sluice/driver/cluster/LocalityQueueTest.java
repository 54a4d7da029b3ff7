package dev.sluice.driver.cluster;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalityQueueTest {
    private static final long WAIT = TimeUnit.SECONDS.toNanos(3);

    /** Tasks by name, with the executors each prefers. */
    private static final Map<String, List<String>> PREFERS = Map.of(
            "any", List.of(), "any2", List.of(), "on-a", List.of("a"), "on-b", List.of("b"), "on-a-or-b", List.of("a", "b"),
            "on-gone", List.of("gone"));

    private long now;
    private LocalityQueue<String> queue;

    @BeforeEach
    void setUp() {
        now = 1_000_000_000L;
        queue = new LocalityQueue<>(PREFERS::get, WAIT, () -> now);
        queue.executorAdded("a");
        queue.executorAdded("b");
    }

    @Test
    void tasksWithoutPreferencesRunInQueueOrderAnywhere() {
        queue.add("any", false);
        queue.add("any2", false);

        assertThat(queue.pollFor("b")).isEqualTo("any");
        assertThat(queue.pollFor("a")).isEqualTo("any2");
        assertThat(queue.pollFor("a")).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aRetryGoesFirst() {
        queue.add("any", false);
        queue.add("any2", true);

        assertThat(queue.pollFor("a")).isEqualTo("any2");
    }

    @Test
    void aPreferringTaskSkipsAheadOnItsExecutorAndWaitsElsewhere() {
        queue.add("any", false);
        queue.add("on-a", false);

        assertThat(queue.pollFor("b")).isEqualTo("any");
        assertThat(queue.pollFor("b")).as("on-a waits for a").isNull();
        assertThat(queue.pollFor("a")).isEqualTo("on-a");
    }

    @Test
    void afterTheLocalityWaitAnyExecutorTakesIt() {
        queue.add("on-a", false);
        now += WAIT;
        assertThat(queue.pollFor("b")).as("exactly the wait is not past it").isNull();

        now += 1;
        assertThat(queue.pollFor("b")).isEqualTo("on-a");
    }

    @Test
    void anExecutorThatKeepsStartingLocalTasksKeepsThemWaiting() {
        queue.add("on-a", false);
        queue.add("on-a-or-b", false);
        now += WAIT - 1;
        assertThat(queue.pollFor("a")).isEqualTo("on-a"); // a starts a local task: its clock restarts

        now += 2; // past the wait since on-a-or-b was queued, but not since a, one of its executors, last ran a local task
        assertThat(queue.pollFor("c")).as("a started a local task just now").isNull();
        now += WAIT;
        assertThat(queue.pollFor("c")).isEqualTo("on-a-or-b");
    }

    @Test
    void aTaskPreferringOnlyLostExecutorsRunsAnywhereAtOnce() {
        queue.add("on-gone", false);
        queue.add("on-b", false);

        assertThat(queue.pollFor("a")).isEqualTo("on-gone");
        assertThat(queue.pollFor("a")).as("b is alive").isNull();
        queue.executorRemoved("b");
        assertThat(queue.pollFor("a")).isEqualTo("on-b");
    }

    @Test
    void removeAndDrainTakeQueuedTasksOut() {
        queue.add("any", false);
        queue.add("on-a", false);
        queue.add("any2", false);

        assertThat(queue.remove("on-a"::equals)).isEqualTo("on-a");
        assertThat(queue.remove("missing"::equals)).isNull();
        assertThat(queue.drain()).containsExactly("any", "any2");
        assertThat(queue.isEmpty()).isTrue();
    }
}
