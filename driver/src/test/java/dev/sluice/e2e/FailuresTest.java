package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.Dataset;
import dev.sluice.JobFailedException;
import dev.sluice.Pair;
import dev.sluice.Sluice;
import dev.sluice.SluiceException;
import dev.sluice.TaskNotSerializableException;
import dev.sluice.storage.StorageLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Task failures, retries, what a failed job reports, cleanup on close, and closures that cannot be shipped. */
@Timeout(60)
class FailuresTest {
    private static final Shared ATTEMPTS = Shared.named("Failures.attempts");
    private static final Shared CALLS = Shared.named("Failures.calls");
    /** Attempts per partition, counted wherever the tasks run. */
    private static Shared attemptsOf(int partition) {
        return Shared.named("Failures.attempts-of-" + partition);
    }

    @TempDir
    Path localDir;

    @BeforeEach
    void reset() {
        ATTEMPTS.clear();
        CALLS.clear();
        for (int p = 0; p < 8; p++) {
            attemptsOf(p).clear();
        }
    }

    /** The user's exception. */
    static final class BadRecordException extends RuntimeException {
        BadRecordException(String message) {
            super(message);
        }
    }

    @Test
    void aFunctionThatThrowsOnOnePartitionFailsTheJobWithACleanReport() {
        try (Sluice sluice = E2e.local2()) {
            Dataset<Long> failing = sluice.range(0, 100, 4).map(x -> {
                if (x == 60) { // in partition 2 of [0,25) [25,50) [50,75) [75,100)
                    ATTEMPTS.incrementAndGet();
                    throw new BadRecordException("bad record " + x);
                }
                return x;
            });
            JobFailedException e = catchThrowableOfType(JobFailedException.class, failing::count);
            assertThat(e).isInstanceOf(SluiceException.class);
            assertThat(e.partition()).isEqualTo(2);
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.getMessage())
                    .containsIgnoringCase("job " + e.jobId())
                    .containsIgnoringCase("stage " + e.stageId())
                    .contains("partition 2")
                    .contains("attempt 4")
                    .contains("bad record 60");
            assertThat(e.getCause()).isInstanceOf(BadRecordException.class).hasMessage("bad record 60");
            assertThat(ATTEMPTS.get()).isEqualTo(4); // the default sluice.task.maxFailures
            assertThat(E2e.counter(sluice.meterRegistry(), "sluice.task.failures")).isEqualTo(4);

            // the context stays usable
            assertThat(sluice.range(0, 1_000, 4).map(x -> x * 2).reduce(Long::sum)).isEqualTo(999_000L);
            assertThat(sluice.range(0, 100, 4).mapToPair(x -> Pair.of(x % 3, 1)).reduceByKey(Integer::sum).count())
                    .isEqualTo(3);
        }
    }

    @Test
    void anErrorThrownByUserCodeFailsTheJobToo() {
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "2")) {
            Dataset<Long> failing = sluice.range(0, 10, 2).map(x -> {
                if (x == 7) {
                    throw new AssertionError("invariant broken at " + x);
                }
                return x;
            });
            JobFailedException e = catchThrowableOfType(JobFailedException.class, failing::collect);
            assertThat(e.partition()).isEqualTo(1);
            assertThat(e.getCause()).isInstanceOf(AssertionError.class).hasMessage("invariant broken at 7");
            assertThat(sluice.range(0, 10, 2).collect()).hasSize(10);
        }
    }

    @Test
    void aFailureInAMapStageFailsTheJobNamingThatStage() {
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "1")) {
            Dataset<Pair<Long, Long>> failing = sluice.range(0, 100, 4).map(x -> {
                if (x == 10) {
                    throw new BadRecordException("map side " + x);
                }
                return x;
            }).mapToPair(x -> Pair.of(x % 5, x)).reduceByKey(Long::sum, 3);
            JobFailedException e = catchThrowableOfType(JobFailedException.class, failing::collect);
            assertThat(e.partition()).isZero();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.getMessage()).contains("stage " + e.stageId()).contains("partition 0");
            assertThat(e.getCause()).isInstanceOf(BadRecordException.class).hasMessage("map side 10");
            assertThat(sluice.range(0, 10, 2).count()).isEqualTo(10);
        }
    }

    /** Fails the first two attempts of partition 1. */
    private static Dataset<Long> flaky(Sluice sluice) {
        return sluice.range(0, 400, 4).mapPartitionsWithIndex((index, it) -> {
            if (index == 1 && ATTEMPTS.incrementAndGet() <= 2) {
                throw new IllegalStateException("transient failure " + ATTEMPTS.get());
            }
            return it;
        });
    }

    @Test
    void maxFailuresAllowsRetriesUntilSuccess() {
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "4")) {
            assertThat(flaky(sluice).reduce(Long::sum)).isEqualTo(LongStream.range(0, 400).sum());
            assertThat(ATTEMPTS.get()).isEqualTo(3);
            assertThat(E2e.counter(sluice.meterRegistry(), "sluice.task.failures")).isEqualTo(2);
        }
    }

    @Test
    void maxFailuresTwoGivesUpAfterTheSecondAttempt() {
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "2")) {
            JobFailedException e = catchThrowableOfType(JobFailedException.class, () -> flaky(sluice).reduce(Long::sum));
            assertThat(e.partition()).isEqualTo(1);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.getMessage()).contains("attempt 2");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("transient failure 2");
            assertThat(ATTEMPTS.get()).isEqualTo(2);
            // the context runs the next job; the flaky partition's third attempt overall now succeeds at once
            assertThat(flaky(sluice).count()).isEqualTo(400);
        }
    }

    @Test
    void retriedAttemptsOfAShuffleMapTaskDoNotDuplicateRecords() {
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "3")) {
            Map<Long, Long> counts = sluice.range(0, 10_000, 4).mapPartitionsWithIndex((index, it) -> {
                int attempt = attemptsOf(index).incrementAndGet();
                if (attempt == 1 && index % 2 == 0) {
                    return failingAfter(it, 1_000); // after some records went to the shuffle writer
                }
                return it;
            }).mapToPair(x -> Pair.of(x % 7, 1L)).reduceByKey(Long::sum, 3).collectAsMap();
            assertThat(counts).isEqualTo(LongStream.range(0, 10_000).boxed()
                    .collect(Collectors.groupingBy(x -> x % 7, Collectors.counting())));
            assertThat(attemptsOf(0).get()).isEqualTo(2);
            assertThat(attemptsOf(1).get()).isEqualTo(1);
        }
    }

    /** The records of {@code it}, throwing instead of the {@code n}th (a static method: no captured test instance). */
    private static Iterator<Long> failingAfter(Iterator<Long> it, int n) {
        return new Iterator<>() {
            private int seen;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Long next() {
                if (++seen == n) {
                    throw new IllegalStateException("half-way");
                }
                return it.next();
            }
        };
    }

    @Test
    void closeStopsTaskThreadsAndDeletesTheLocalDirectory() {
        Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString(), "sluice.memory.maxBytes", "4m");
        String prefix = "sluice-task-" + sluice.appId();
        try {
            // shuffle files, spill files and disk-cached blocks
            Dataset<Pair<Long, Long>> sums = sluice.range(0, 200_000, 4)
                    .mapToPair(x -> Pair.of(x % 50_000, x)).reduceByKey(Long::sum, 3);
            sums.persist(StorageLevel.DISK_ONLY);
            assertThat(sums.count()).isEqualTo(50_000);
            assertThat(sluice.range(0, 100_000, 4).map(x -> "s" + (x * 7919 % 100_000)).sortBy(s -> s).first()).isEqualTo("s0");
            assertThat(E2e.contentsOf(localDir)).isNotEmpty();
            if (!E2e.onCluster()) { // the tasks ran in executor processes otherwise
                assertThat(E2e.threadsNamed(prefix)).isPositive();
            }
        } finally {
            sluice.close();
        }
        E2e.await("task threads of " + sluice.appId() + " to end", Duration.ofSeconds(10),
                () -> E2e.threadsNamed(prefix) == 0);
        assertThat(E2e.contentsOf(localDir)).isEmpty();
        assertThat(sluice.isClosed()).isTrue();
        sluice.close(); // idempotent
    }

    @Test
    void closeAfterAFailedJobAlsoLeavesNothingBehind() {
        Sluice sluice = E2e.local2("sluice.local.dir", localDir.toString(), "sluice.task.maxFailures", "1");
        String prefix = "sluice-task-" + sluice.appId();
        try {
            Dataset<Pair<Long, Long>> failing = sluice.range(0, 50_000, 4)
                    .mapToPair(x -> Pair.of(x % 100, x)).reduceByKey(Long::sum, 2)
                    .map(p -> {
                        if (p.key() == 42L) {
                            throw new BadRecordException("reduce side");
                        }
                        return p;
                    });
            catchThrowableOfType(JobFailedException.class, failing::count);
        } finally {
            sluice.close();
        }
        E2e.await("task threads to end", Duration.ofSeconds(10), () -> E2e.threadsNamed(prefix) == 0);
        assertThat(E2e.contentsOf(localDir)).isEmpty();
    }

    // ------------------------------------------------------------ closures that cannot be shipped

    /** Not serializable, like a database or HTTP client. */
    static final class HttpClient {
        String get(Object path) {
            return "GET " + path;
        }
    }

    /** Serializable, but holding something that is not. */
    static final class Enricher implements Serializable {
        private final HttpClient client = new HttpClient();

        String enrich(Object x) {
            return client.get(x);
        }
    }

    /** A job object that is not serializable; lambdas using its fields capture it. */
    static final class ReportJob {
        private final String prefix = "row-";

        Dataset<String> build(Sluice sluice) {
            return sluice.range(0, 10, 2).map(x -> prefix + x);
        }
    }

    @Test
    void aClosureCapturingANonSerializableFieldFailsBeforeAnyTaskRuns() {
        try (Sluice sluice = E2e.local2()) {
            Enricher enricher = new Enricher();
            // the map stage before the shuffle would count; it must never run
            Dataset<String> pipeline = sluice.range(0, 100, 4)
                    .map(x -> {
                        CALLS.increment();
                        return x;
                    })
                    .mapToPair(x -> Pair.of(x % 3, x)).reduceByKey(Long::sum)
                    .map(p -> enricher.enrich(p.key()));
            TaskNotSerializableException e = catchThrowableOfType(TaskNotSerializableException.class, pipeline::collect);
            assertThat(e).isInstanceOf(SluiceException.class);
            assertThat(e.getMessage()).contains("field 'client'").contains(HttpClient.class.getName());
            assertThat(CALLS.get()).isZero();

            // a lambda reading a field of a non-serializable object captures that object
            TaskNotSerializableException captured = catchThrowableOfType(TaskNotSerializableException.class,
                    () -> new ReportJob().build(sluice).collect());
            assertThat(captured.getMessage()).contains(ReportJob.class.getName());

            // and the context still works
            assertThat(sluice.range(0, 100, 4).map(x -> {
                CALLS.increment();
                return x;
            }).count()).isEqualTo(100);
            assertThat(CALLS.get()).isEqualTo(100);
        }
    }

    @Test
    void nonSerializableSourceDataFailsAtTheActionNamingTheClass() {
        try (Sluice sluice = E2e.local2()) {
            Dataset<HttpClient> clients = sluice.parallelize(java.util.List.of(new HttpClient(), new HttpClient()), 2);
            SluiceException e = catchThrowableOfType(SluiceException.class, clients::count);
            assertThat(e).isInstanceOf(TaskNotSerializableException.class);
            assertThat(e.getMessage()).contains(HttpClient.class.getName());
        }
        assertThat(Files.exists(localDir)).isTrue();
    }
}
