package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Dataset;
import dev.sluice.JobCancelledException;
import dev.sluice.Pair;
import dev.sluice.Sluice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Cancelling running jobs by interrupting the caller or closing the context from another thread. */
@Timeout(60)
class CancellationTest {
    /** Tasks that entered the blocking function, and those that left it. */
    private static final Shared ENTERED = Shared.named("Cancellation.entered");
    private static final Shared LEFT = Shared.named("Cancellation.left");

    @TempDir
    Path localDir;

    @BeforeEach
    void reset() {
        ENTERED.clear();
        LEFT.clear();
    }

    /** A map that blocks until its task is interrupted (a stand-in for slow user code). */
    private static Dataset<Long> blocking(Sluice sluice) {
        return sluice.range(0, 1_000, 4).map(x -> {
            ENTERED.increment();
            try {
                new CountDownLatch(1).await(); // released only by an interrupt
                return x;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                LEFT.increment();
            }
        });
    }

    /** A map that spins, checking only the interrupt flag. */
    private static Dataset<Long> spinning(Sluice sluice) {
        return sluice.range(0, 4, 4).map(x -> {
            ENTERED.increment();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                return x;
            } finally {
                LEFT.increment();
            }
        });
    }

    private static void awaitStarted() {
        E2e.await("a task started", Duration.ofSeconds(20), () -> ENTERED.get() > 0);
    }

    @Test
    void interruptingTheCallerCancelsTheJobPromptly() throws Exception {
        try (Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString())) {
            for (boolean spin : new boolean[] {false, true}) {
                reset();
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicBoolean interruptFlagAfter = new AtomicBoolean();
                Dataset<Long> job = spin ? spinning(sluice) : blocking(sluice);
                Thread caller = new Thread(() -> {
                    try {
                        job.count();
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                    interruptFlagAfter.set(Thread.currentThread().isInterrupted());
                }, "e2e-caller");
                caller.start();
                awaitStarted();
                long interruptedAt = System.nanoTime();
                caller.interrupt();
                caller.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(caller.isAlive()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(5));
                assertThat(thrown.get()).as("spin=%s", spin).isInstanceOf(JobCancelledException.class)
                        .hasMessageContaining("interrupted");
                assertThat(interruptFlagAfter.get()).as("interrupt status restored").isTrue();
                // the tasks were stopped too
                E2e.await("blocked tasks to end", Duration.ofSeconds(10), () -> LEFT.get() == ENTERED.get());
                assertThat(ENTERED.get()).isBetween(1, 4);
            }
            // the context runs the next job
            assertThat(sluice.range(0, 10_000, 4).mapToPair(x -> Pair.of(x % 10, x)).reduceByKey(Long::sum).count())
                    .isEqualTo(10);
        }
    }

    @Test
    void anActionCalledWithTheInterruptFlagSetIsCancelled() throws Exception {
        try (Sluice sluice = E2e.local2()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean interruptFlagAfter = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    blocking(sluice).count();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                interruptFlagAfter.set(Thread.currentThread().isInterrupted());
            }, "e2e-caller");
            caller.start();
            caller.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(JobCancelledException.class);
            assertThat(interruptFlagAfter.get()).isTrue();
            E2e.await("blocked tasks to end", Duration.ofSeconds(10), () -> LEFT.get() == ENTERED.get());
            assertThat(sluice.range(0, 100, 2).count()).isEqualTo(100);
        }
    }

    @Test
    void interruptingALongShuffleJobCancelsIt() throws Exception {
        try (Sluice sluice = E2e.local2()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            // map side of a shuffle over many records, slowed down so it cannot finish first
            Dataset<Pair<Long, Long>> slow = sluice.range(0, Long.MAX_VALUE / 2, 4).map(x -> {
                if ((x & 4095) == 0) {
                    ENTERED.increment();
                }
                return x;
            }).mapToPair(x -> Pair.of(x % 100, x)).reduceByKey(Long::sum, 2);
            Thread caller = new Thread(() -> {
                try {
                    slow.collect();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "e2e-caller");
            caller.start();
            awaitStarted();
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(JobCancelledException.class);
            assertThat(sluice.range(0, 100, 2).count()).isEqualTo(100);
        }
    }

    private static long spillFiles(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spill")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1; // a file vanished during the walk: look again
        }
    }

    @Test
    void cancellingASpillingJobDeletesItsSpillFiles() throws Exception {
        try (Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString(), "sluice.memory.maxBytes", "4m")) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    sluice.range(0, 200_000_000L, 2).mapToPair(x -> Pair.of("key-" + x % 1_000_000, x)).groupByKey(2).count();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "e2e-caller");
            caller.start();
            E2e.await("a spill file", Duration.ofSeconds(30), () -> spillFiles(localDir) > 0);
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(JobCancelledException.class);
            // the cancelled tasks have ended and removed what they spilled
            assertThat(spillFiles(localDir)).isZero();
            assertThat(sluice.range(0, 100, 2).count()).isEqualTo(100);
        }
    }

    @Test
    void closingTheContextFromAnotherThreadCancelsTheRunningJob() throws Exception {
        Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString());
        String prefix = "sluice-task-" + sluice.appId();
        AtomicReference<Throwable> closeFailure = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            try {
                awaitStarted();
                sluice.close();
            } catch (Throwable t) {
                closeFailure.set(t);
            }
        }, "e2e-closer");
        try {
            closer.start();
            Throwable thrown = null;
            try {
                blocking(sluice).mapToPair(x -> Pair.of(x, x)).reduceByKey(Long::sum).collect();
            } catch (Throwable t) {
                thrown = t;
            }
            assertThat(thrown).isInstanceOf(JobCancelledException.class).hasMessageContaining("closed");
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(closer.isAlive()).isFalse();
            assertThat(closeFailure.get()).isNull();
            assertThat(sluice.isClosed()).isTrue();
        } finally {
            sluice.close();
        }
        E2e.await("blocked tasks to end", Duration.ofSeconds(10), () -> LEFT.get() == ENTERED.get());
        E2e.await("task threads to end", Duration.ofSeconds(10), () -> E2e.threadsNamed(prefix) == 0);
        assertThat(E2e.contentsOf(localDir)).isEmpty();
    }
}
