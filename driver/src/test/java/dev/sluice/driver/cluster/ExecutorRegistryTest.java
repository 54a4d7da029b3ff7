package dev.sluice.driver.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.network.liveness.SilenceDetector;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The executor registry alone, on a clock driven by hand; no executor process, no connection. */
class ExecutorRegistryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final ExecutorRegistry registry = registry(false);

    private ExecutorRegistry registry(boolean replacementsComing) {
        return new ExecutorRegistry(new SilenceDetector<>(TIMEOUT, Duration.ofSeconds(1), now::get), replacementsComing);
    }

    private static RegisterExecutor registration(String id, int cores) {
        return new RegisterExecutor(id, "host-" + id, 7000 + cores, cores, 42);
    }

    /** Advances the clock by {@code seconds}, checking once a second as the backend's monitor would. */
    private void pass(int seconds) {
        for (int i = 0; i < seconds; i++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            registry.silent();
        }
    }

    @Test
    void onlyAnExpectedIdRegistersAndOnlyOnce() {
        registry.expect("1");

        assertThat(registry.register(registration("2", 1), null, null)).as("not expected").isNull();
        ExecutorRef first = registry.register(registration("1", 3), null, null);
        assertThat(first).isNotNull();
        assertThat(first.freeSlots()).isEqualTo(3);
        assertThat(registry.register(registration("1", 3), null, null)).as("taken").isNull();
        assertThat(registry.ids()).containsExactly("1");
    }

    @Test
    void registeredExecutorsGiveTheirSlotsAndAddresses() {
        registry.expect("1");
        registry.expect("2");
        registry.register(registration("1", 2), null, null);
        registry.register(registration("2", 3), null, null);

        assertThat(registry.totalSlots()).isEqualTo(5);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.addresses()).containsEntry("1", InetSocketAddress.createUnresolved("host-1", 7002))
                .containsEntry("2", InetSocketAddress.createUnresolved("host-2", 7003));
    }

    @Test
    void anExecutorHeardFromOnItsConnectionStaysAliveAndASilentOneIsReported() {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5000);
        for (String id : new String[] {"talkative", "silent"}) {
            registry.expect(id);
            registry.register(registration(id, 1), null, id.equals("talkative") ? peer : null);
        }

        for (int i = 0; i < 3; i++) {
            pass(5);
            registry.heardFrom(peer);
        }

        assertThat(registry.silent()).containsExactly("silent");
        registry.remove("silent");
        assertThat(registry.silent()).isEmpty();
    }

    @Test
    void noneIsLeftOnlyWhenNoneIsRegisteredStartingOrComing() {
        registry.expect("1");
        assertThat(registry.noneLeft()).as("one is starting").isFalse();
        registry.register(registration("1", 1), null, null);
        assertThat(registry.noneLeft()).isFalse();

        assertThat(registry.remove("1")).isNotNull();
        assertThat(registry.remove("1")).as("removed already").isNull();

        assertThat(registry.noneLeft()).isTrue();
        assertThat(registry(true).noneLeft()).as("replacements are coming").isFalse();
    }

    @Test
    void removingAnExpectedIdStopsItFromRegistering() {
        registry.expect("1");
        registry.remove("1");

        assertThat(registry.register(registration("1", 1), null, null)).isNull();
    }
}
