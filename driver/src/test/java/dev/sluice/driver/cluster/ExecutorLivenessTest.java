package dev.sluice.driver.cluster;

import dev.sluice.executor.cluster.ExecutorProcess;
import dev.sluice.executor.protocol.ExecutorSpec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.protocol.ClusterMessages.Heartbeat;
import dev.sluice.executor.protocol.ClusterMessages.RegisterExecutor;
import dev.sluice.network.RequestContext;
import dev.sluice.network.message.MessageHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real driver endpoint and a real executor (in this JVM, over loopback) with a 1 s heartbeat timeout on the
 * executor's side: a slow start is not a dead driver, and a driver that stops answering is given up after the
 * timeout.
 */
@Timeout(120)
class ExecutorLivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    private final SluiceConfig config = SluiceConfig.of(Map.of("sluice.executor.heartbeatInterval", "100ms",
            "sluice.executor.heartbeatTimeout", TIMEOUT.toMillis() + "ms"));
    private final AtomicInteger heartbeats = new AtomicInteger();
    private InProcessDriver driver;

    /** What stands between the executor and the driver endpoint: it may delay or drop a request. */
    private interface Network {
        CompletableFuture<?> deliver(Object message, Supplier<CompletableFuture<?>> endpoint);
    }

    /** Starts a real driver endpoint behind {@code network}, as a slow machine or a frozen driver would be. */
    private void startDriver(Network network) throws Exception {
        driver = new InProcessDriver(config, endpoint -> new MessageHandler() {
            @Override
            public CompletableFuture<?> onRequest(RequestContext context, Object message) {
                if (message instanceof Heartbeat) {
                    heartbeats.incrementAndGet();
                }
                return network.deliver(message, () -> {
                    try {
                        return endpoint.onRequest(context, message);
                    } catch (Exception e) {
                        return CompletableFuture.failedFuture(e);
                    }
                });
            }

            @Override
            public void onMessage(RequestContext context, Object message) throws Exception {
                endpoint.onMessage(context, message);
            }
        });
        driver.backend.expect("1");
    }

    @AfterEach
    void stopDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private ExecutorSpec spec() {
        return driver.spec("1", temp.resolve("1"));
    }

    @Test
    void anExecutorWhoseRegistrationTookLongerThanTheTimeoutStaysAlive() throws Exception {
        startDriver((message, endpoint) -> message instanceof RegisterExecutor
                ? CompletableFuture.supplyAsync(endpoint, CompletableFuture.delayedExecutor(
                        TIMEOUT.toMillis() * 5 / 2, TimeUnit.MILLISECONDS)).thenCompose(f -> f)
                : endpoint.get());
        ExecutorProcess executor = ExecutorProcess.start(spec());

        // ten heartbeat intervals after registering, well past the timeout counted from the executor's start
        await(() -> heartbeats.get() >= 15 || executor.isStopped());
        assertThat(executor.isStopped()).as("the executor stopped right after a slow registration").isFalse();
        assertThat(driver.backend.executorIds()).containsExactly("1");
    }

    @Test
    void anExecutorGivesUpADriverThatStopsAnsweringAfterTheTimeout() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        startDriver((message, endpoint) -> {
            if (message instanceof Heartbeat && answered.incrementAndGet() > 3) {
                return new CompletableFuture<>(); // the driver froze: no answer, ever
            }
            return endpoint.get();
        });
        long start = System.nanoTime();
        ExecutorProcess executor = ExecutorProcess.start(spec());

        assertThat(executor.awaitStop()).as("exit code of an executor that lost its driver").isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(TIMEOUT);
        assertThat(temp.resolve("1")).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
