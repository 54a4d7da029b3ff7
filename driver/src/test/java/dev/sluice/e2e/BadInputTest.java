package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Dataset;
import dev.sluice.JobFailedException;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import dev.sluice.WriteMode;
import dev.sluice.config.ConfigException;
import dev.sluice.function.SerializableComparator;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.storage.StorageLevel;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Bad paths, bad output directories, bad configuration, bad arguments and use after close. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void missingInputPathsFailAtOnceNamingThePath() {
        try (Sluice sluice = E2e.local2()) {
            String missing = dir.resolve("no-such-file.txt").toString();
            assertThatThrownBy(() -> sluice.textFile(missing))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing);
            assertThatThrownBy(() -> sluice.textFile(missing, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing);
            assertThatThrownBy(() -> sluice.wholeTextFiles(missing))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing);
            String pattern = dir + "/*.csv";
            assertThatThrownBy(() -> sluice.textFile(pattern))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(pattern);
            E2e.write(dir.resolve("present.txt"), "x\n");
            String list = dir.resolve("present.txt") + "," + missing;
            assertThatThrownBy(() -> sluice.textFile(list))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing);
        }
    }

    @Test
    void savingIntoAnExistingDirectoryFailsAndLeavesItUntouched() throws Exception {
        Path parent = dir.resolve("outputs");
        Path out = parent.resolve("existing");
        E2e.write(out.resolve("keep.txt"), "precious\n");
        try (Sluice sluice = E2e.local2()) {
            Dataset<Integer> data = sluice.parallelize(List.of(1, 2, 3), 2);
            assertThatThrownBy(() -> data.saveAsTextFile(out.toString()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(out.toString());
            assertThatThrownBy(() -> data.saveAsTextFile(out.toString(), WriteMode.ERROR_IF_EXISTS))
                    .hasMessageContaining(out.toString());
            assertThat(E2e.namesIn(out)).containsExactly("keep.txt");
            assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("precious\n");
            assertThat(E2e.namesIn(parent)).containsExactly("existing");

            // OVERWRITE replaces it
            data.saveAsTextFile(out.toString(), WriteMode.OVERWRITE);
            assertThat(E2e.namesIn(out)).containsExactly("_SUCCESS", "part-00000", "part-00001");
            assertThat(E2e.readParts(out)).containsExactly("1", "2", "3");
            assertThat(E2e.namesIn(parent)).containsExactly("existing");

            // OVERWRITE of a directory that does not exist creates it (and missing parents)
            Path fresh = parent.resolve("new/deeper");
            sluice.parallelize(List.of("a", "b"), 1).saveAsTextFile(fresh.toString(), WriteMode.OVERWRITE);
            assertThat(E2e.readParts(fresh)).containsExactly("a", "b");
        }
    }

    @Test
    void aFailedJobDuringSaveLeavesNoPartFilesAndNoOutputDirectory() throws Exception {
        Path parent = dir.resolve("outputs");
        Files.createDirectories(parent);
        Path out = parent.resolve("result");
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "2")) {
            Dataset<Long> failing = sluice.range(0, 40_000, 8).map(x -> {
                if (x == 35_000) {
                    throw new IllegalStateException("cannot format " + x);
                }
                return x;
            });
            assertThatThrownBy(() -> failing.saveAsTextFile(out.toString()))
                    .isInstanceOf(JobFailedException.class)
                    .hasRootCauseMessage("cannot format 35000");
            assertThat(Files.exists(out)).isFalse();
            assertThat(E2e.contentsOf(parent)).isEmpty();

            // a failed OVERWRITE keeps the old output as it was
            E2e.write(out.resolve("part-00000"), "old\n");
            assertThatThrownBy(() -> failing.saveAsTextFile(out.toString(), WriteMode.OVERWRITE))
                    .isInstanceOf(JobFailedException.class);
            assertThat(E2e.namesIn(out)).containsExactly("part-00000");
            assertThat(Files.readString(out.resolve("part-00000"))).isEqualTo("old\n");
            assertThat(E2e.namesIn(parent)).containsExactly("result");

            // and the same context then saves fine
            Path good = parent.resolve("good");
            sluice.range(0, 100, 3).saveAsTextFile(good.toString());
            assertThat(E2e.readParts(good)).isEqualTo(IntStream.range(0, 100).mapToObj(Integer::toString).toList());
        }
    }

    /** Attempts per partition of the save below, counted wherever the tasks run. */
    private static Shared saveAttempts(int partition) {
        return Shared.named("BadInput.save-attempts-of-" + partition);
    }

    @Test
    void aSaveWhoseTasksFailHalfWayAndAreRetriedWritesEveryLineOnce() throws Exception {
        for (int p = 0; p < 6; p++) {
            saveAttempts(p).clear();
        }
        Path out = dir.resolve("retried");
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "3")) {
            sluice.range(0, 30_000, 6).mapPartitionsWithIndex((index, it) -> {
                int attempt = saveAttempts(index).incrementAndGet();
                if (attempt == 1 && index % 2 == 1) {
                    // the first attempt of every odd partition dies after writing 2,000 of its lines
                    return asStrings(it, 2_000);
                }
                return asStrings(it, Integer.MAX_VALUE);
            }).saveAsTextFile(out.toString());
        }
        assertThat(saveAttempts(1).get()).isEqualTo(2);
        assertThat(saveAttempts(0).get()).isEqualTo(1);
        assertThat(E2e.namesIn(out)).containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002", "part-00003",
                "part-00004", "part-00005");
        assertThat(E2e.readParts(out)).isEqualTo(IntStream.range(0, 30_000).mapToObj(Integer::toString).toList());
        assertThat(E2e.namesIn(dir)).containsExactly("retried");
    }

    /** The records as strings, throwing instead of record number {@code failAfter + 1} (static: captures no test). */
    private static java.util.Iterator<String> asStrings(java.util.Iterator<Long> it, int failAfter) {
        return new java.util.Iterator<>() {
            private int written;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                if (++written > failAfter) {
                    throw new IllegalStateException("disk full, say");
                }
                return Long.toString(it.next());
            }
        };
    }

    /**
     * A failing save whose other tasks are still starting and writing when the failure ends the job:
     * the job must not report (or clean up) before they have stopped, or the staging directory's
     * deletion races with their files. Many short tasks make the race likely when it exists.
     */
    @Test
    void repeatedFailedSavesAlwaysReportTheJobFailureAndLeaveNothingBehind() throws Exception {
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "1")) {
            Dataset<Long> failing = sluice.range(0, 10_000, 100).map(x -> {
                if (x == 2_500) {
                    throw new IllegalStateException("boom");
                }
                return x;
            });
            for (int i = 0; i < 100; i++) {
                Path parent = dir.resolve("attempt-" + i);
                Files.createDirectories(parent);
                assertThatThrownBy(() -> failing.saveAsTextFile(parent.resolve("out").toString()))
                        .as("save %d", i)
                        .isInstanceOf(JobFailedException.class);
                assertThat(E2e.contentsOf(parent)).as("left behind by save %d", i).isEmpty();
            }
        }
    }

    @Test
    void unknownConfigurationKeysAndMalformedValuesFailAtCreate() {
        assertThatThrownBy(() -> E2e.local2("sluice.task.maxFailure", "3"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.task.maxFailure");
        assertThatThrownBy(() -> E2e.local2("sluice.no.such.key", "1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.no.such.key");
        assertThatThrownBy(() -> E2e.local2("sluice.task.maxFailures", "four"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.task.maxFailures").hasMessageContaining("four");
        assertThatThrownBy(() -> E2e.local2("sluice.task.maxFailures", "0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.task.maxFailures");
        assertThatThrownBy(() -> E2e.local2("sluice.memory.maxBytes", "12q"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.memory.maxBytes");
        assertThatThrownBy(() -> E2e.local2("sluice.memory.maxBytes", "-5m"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.memory.maxBytes");
        assertThatThrownBy(() -> E2e.local2("sluice.files.maxPartitionBytes", "0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.files.maxPartitionBytes");
        assertThatThrownBy(() -> E2e.local2("sluice.memory.fraction", "1.5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.memory.fraction");
        assertThatThrownBy(() -> E2e.local2("sluice.serializer.registrationRequired", "yes"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.serializer.registrationRequired");
        assertThatThrownBy(() -> E2e.local2("sluice.default.parallelism", "-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.default.parallelism");
        assertThatThrownBy(() -> Sluice.builder().master("local[0]").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("local[0]");
        assertThatThrownBy(() -> Sluice.builder().master("yarn").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("yarn");
        assertThatThrownBy(() -> Sluice.builder().master("local[two]").create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("local[two]");
        assertThatThrownBy(() -> Sluice.builder().config(Map.of("sluice.master", "local[2]", "sluice.colour", "blue")).create())
                .isInstanceOf(ConfigException.class).hasMessageContaining("sluice.colour");
        // valid settings work
        try (Sluice sluice = E2e.local2("sluice.task.maxFailures", "2", "sluice.memory.maxBytes", "64m",
                "sluice.default.parallelism", "3")) {
            assertThat(sluice.defaultParallelism()).isEqualTo(3);
            assertThat(sluice.parallelize(List.of(1, 2, 3, 4)).numPartitions()).isEqualTo(3);
            assertThat(sluice.range(0, 10).numPartitions()).isEqualTo(3);
        }
    }

    private static void assertRejectsCount(ThrowingCallable call, int count) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(count));
    }

    @Test
    void zeroAndNegativePartitionCountsAreRejected() {
        try (Sluice sluice = E2e.local2()) {
            List<Integer> list = List.of(1, 2, 3);
            Dataset<Integer> data = sluice.parallelize(list, 2);
            PairDataset<Integer, Integer> pairs = data.keyBy(x -> x);
            assertRejectsCount(() -> sluice.parallelize(list, 0), 0);
            assertRejectsCount(() -> sluice.parallelize(list, -3), -3);
            assertRejectsCount(() -> sluice.range(0, 10, 0), 0);
            assertRejectsCount(() -> sluice.range(0, 10, -1), -1);
            E2e.write(dir.resolve("f.txt"), "line\n");
            assertRejectsCount(() -> sluice.textFile(dir.resolve("f.txt").toString(), 0), 0);
            assertRejectsCount(() -> sluice.wholeTextFiles(dir.toString(), -2), -2);
            assertRejectsCount(() -> data.repartition(0), 0);
            assertRejectsCount(() -> data.coalesce(-1), -1);
            assertRejectsCount(() -> data.distinct(0), 0);
            assertRejectsCount(() -> data.sortBy(x -> x, SerializableComparator.<Integer>naturalOrder(), true, 0), 0);
            assertRejectsCount(() -> pairs.reduceByKey(Integer::sum, 0), 0);
            assertRejectsCount(() -> pairs.foldByKey(0, Integer::sum, -4), -4);
            assertRejectsCount(() -> pairs.aggregateByKey(0, Integer::sum, Integer::sum, 0), 0);
            assertRejectsCount(() -> pairs.combineByKey(v -> v, Integer::sum, Integer::sum, 0), 0);
            assertRejectsCount(() -> pairs.groupByKey(-2), -2);
            assertRejectsCount(() -> pairs.join(pairs, 0), 0);
            assertRejectsCount(() -> pairs.leftOuterJoin(pairs, 0), 0);
            assertRejectsCount(() -> pairs.rightOuterJoin(pairs, 0), 0);
            assertRejectsCount(() -> pairs.fullOuterJoin(pairs, 0), 0);
            assertRejectsCount(() -> pairs.cogroup(pairs, 0), 0);
            assertRejectsCount(() -> pairs.sortByKey(SerializableComparator.<Integer>naturalOrder(), true, 0), 0);
            assertRejectsCount(() -> new HashPartitioner(0), 0);
            assertRejectsCount(() -> Sluice.local(0), 0);
            assertRejectsCount(() -> data.take(-1), -1);
            assertRejectsCount(() -> data.takeOrdered(-2, SerializableComparator.<Integer>naturalOrder()), -2);
            // the context is fine afterwards
            assertThat(data.count()).isEqualTo(3);
        }
    }

    @Test
    void useAfterCloseFailsWithIllegalStateException() {
        Sluice sluice = E2e.local2();
        Dataset<Long> numbers = sluice.range(0, 10, 2);
        PairDataset<Long, Long> pairs = numbers.keyBy(x -> x);
        assertThat(numbers.count()).isEqualTo(10);
        sluice.close();
        assertThat(sluice.isClosed()).isTrue();

        List<ThrowingCallable> calls = List.of(
                () -> sluice.range(0, 10),
                () -> sluice.parallelize(List.of(1)),
                () -> sluice.textFile(dir.toString()),
                () -> sluice.emptyDataset(),
                numbers::count,
                numbers::collect,
                () -> numbers.take(1),
                () -> numbers.map(x -> x),
                () -> numbers.filter(x -> true),
                () -> numbers.persist(StorageLevel.MEMORY_ONLY),
                numbers::explain,
                () -> numbers.saveAsTextFile(dir.resolve("after-close").toString()),
                () -> pairs.reduceByKey(Long::sum),
                () -> pairs.join(pairs),
                pairs::countByKey);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThat(Files.exists(dir.resolve("after-close"))).isFalse();
        sluice.close();
    }

    @Test
    void nullArgumentsAreRejected() {
        try (Sluice sluice = E2e.local2()) {
            Dataset<Integer> data = sluice.parallelize(List.of(1), 1);
            assertThatThrownBy(() -> data.map(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> sluice.textFile(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> sluice.parallelize(null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> data.saveAsTextFile(dir.resolve("x").toString(), null)).isInstanceOf(NullPointerException.class);
            assertThat(data.map(x -> Pair.of(x, x)).collect()).containsExactly(Pair.of(1, 1));
        }
    }
}
