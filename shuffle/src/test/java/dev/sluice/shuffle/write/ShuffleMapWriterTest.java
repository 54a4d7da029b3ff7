package dev.sluice.shuffle.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.collection.RecordTable;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.read.ShuffleReader;
import dev.sluice.shuffle.sort.ExternalSorter;
import dev.sluice.shuffle.testing.ShuffleFixture;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShuffleMapWriterTest {

    private static final int SHUFFLE = 4;
    private static final int PARTITIONS = 7;
    private static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);

    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    @Test
    void roundTripsRecordsWithNullsAcrossMapsAndPartitions() {
        List<List<TestPair<Integer, String>>> inputs = List.of(records(1, 20_000), records(2, 20_000), records(3, 5));

        List<MapStatus> statuses = writeAll(inputs, TaskMemory.unlimited(), null);

        assertPartitionsHold(inputs);
        assertThat(shuffle.metrics().spills).hasValue(0);
        assertThat(shuffle.metrics().writtenRecords).hasValue(40_005);
        assertThat(shuffle.metrics().readRecords).hasValue(40_005);
        assertThat(shuffle.metrics().writtenBytes.get())
                .isEqualTo(statuses.stream().mapToLong(MapStatus::totalBytes).sum())
                .isEqualTo(shuffle.metrics().readBytes.get());
    }

    @Test
    void spillsUnderATinyBudgetAndStillRoundTrips() {
        TaskMemory memory = TaskMemory.fixed(32 * 1024);
        List<List<TestPair<Integer, String>>> inputs = List.of(records(4, 30_000), records(5, 30_000));

        writeAll(inputs, memory, null);

        assertThat(shuffle.metrics().spills.get()).isGreaterThan(2);
        assertThat(shuffle.metrics().spilledBytes.get()).isPositive();
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.leftoverFiles(shuffle.dirs().root())).isEmpty();
        assertPartitionsHold(inputs);
    }

    @Test
    void combinesByKeyOnTheMapSide() {
        List<List<TestPair<Integer, Long>>> inputs = List.of(numbers(6, 50_000, 1_000), numbers(7, 50_000, 1_000));

        writeAll(inputs, TaskMemory.unlimited(), SUM);

        assertThat(shuffle.metrics().writtenRecords.get()).isLessThanOrEqualTo(2 * 1_001);
        assertThat(reducedSums()).isEqualTo(expectedSums(inputs));
    }

    @Test
    void combinesUnderATinyBudgetByWritingPartialCombiners() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        List<List<TestPair<Integer, Long>>> inputs = List.of(numbers(8, 50_000, 5_000), numbers(9, 50_000, 5_000));

        writeAll(inputs, memory, SUM);

        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertThat(shuffle.metrics().writtenRecords.get()).isGreaterThan(2 * 5_001);
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.leftoverFiles(shuffle.dirs().root())).isEmpty();
        assertThat(reducedSums()).isEqualTo(expectedSums(inputs));
    }

    @Test
    void stopsCombiningWhenKeysDoNotRepeatAndStillSumsExactly() {
        int check = (int) ShuffleMapWriter.COMBINE_CHECK_RECORDS;
        List<TestPair<Integer, Long>> distinctFirst = new ArrayList<>();
        for (int i = 0; i < check; i++) {
            distinctFirst.add(new TestPair<>(i, (long) i));
        }
        for (int i = 0; i < 50_000; i++) {
            distinctFirst.add(new TestPair<>(i % 1_000, 1L)); // repeats after the check are no longer folded
        }
        List<List<TestPair<Integer, Long>>> inputs = List.of(distinctFirst, numbers(10, 1_000, 10));

        writeAll(inputs, TaskMemory.unlimited(), SUM);

        assertThat(shuffle.metrics().writtenRecords.get()).isEqualTo(check + 50_000 + 11);
        assertThat(reducedSums()).isEqualTo(expectedSums(inputs));
    }

    @Test
    void keepsCombiningKeysThatRepeatAFewTimesInAHundred() {
        List<List<TestPair<Integer, Long>>> inputs = List.of(numbers(11, 150_000, 1_000_000), numbers(12, 1_000, 10));
        long distinctKeys = inputs.get(0).stream().map(TestPair::key).distinct().count();

        writeAll(inputs, TaskMemory.unlimited(), SUM);

        assertThat(shuffle.metrics().writtenRecords.get()).isEqualTo(distinctKeys + 11);
        assertThat(reducedSums()).isEqualTo(expectedSums(inputs));
    }

    @Test
    void pushedRecordsAreWrittenAsIteratedOnesWithAndWithoutCombining() {
        List<TestPair<Integer, Long>> distinctFirst = new ArrayList<>();
        for (int i = 0; i < ShuffleMapWriter.COMBINE_CHECK_RECORDS + 1_000; i++) {
            distinctFirst.add(new TestPair<>(i, 1L)); // keys that do not repeat, under a small budget
        }
        List<List<TestPair<Integer, Long>>> inputs = List.of(distinctFirst, numbers(14, 20_000, 100));
        List<MapStatus> statuses = new ArrayList<>();
        for (int mapId = 0; mapId < inputs.size(); mapId++) {
            List<TestPair<Integer, Long>> input = inputs.get(mapId);
            statuses.add(writer(TaskMemory.fixed(64 * 1024))
                    .write(spec(mapId, SUM), TestPair.<Integer, Long>shape(), sink -> input.forEach(sink)));
        }

        assertThat(statuses).allSatisfy(status -> assertThat(status.totalBytes()).isPositive());
        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertThat(reducedSums()).isEqualTo(expectedSums(inputs));
    }

    @Test
    void aFailingProducerDeletesSpillFilesAndReleasesMemory() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        List<TestPair<Integer, String>> input = records(15, 20_000);

        assertThatThrownBy(() -> writer(memory).write(spec(0, null), TestPair.<Integer, String>shape(), sink -> {
            input.subList(0, 15_000).forEach(sink);
            throw new IllegalStateException("producer failed");
        })).hasMessage("producer failed");

        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void zeroRecordsMakeAnEmptyOutput() {
        MapStatus status = writer(TaskMemory.unlimited())
                .write(spec(0, null), List.<TestPair<Integer, String>>of().iterator(), TestPair.shape());

        assertThat(status.partitionLengths()).containsOnly(0L).hasSize(PARTITIONS);
        assertThat(shuffle.dirs().shuffleDataFile(SHUFFLE, 0)).isEmptyFile();
        assertThat(readPartition(3, 1, TestPair.<Integer, String>shape())).isEmpty();
        assertThat(shuffle.metrics().readRecords).hasValue(0);
    }

    @Test
    void partitionsWithoutRecordsHaveZeroLength() {
        ShuffleWriteSpec<Integer, String, Object> spec = new ShuffleWriteSpec<>(SHUFFLE, 0, 4, key -> 2, null);

        MapStatus status = writer(TaskMemory.unlimited()).write(spec, records(10, 100).iterator(), TestPair.shape());

        assertThat(status.partitionLength(0)).isZero();
        assertThat(status.partitionLength(1)).isZero();
        assertThat(status.partitionLength(2)).isEqualTo(status.totalBytes()).isPositive();
        assertThat(status.partitionLength(3)).isZero();
        assertThat(readPartition(2, 1, TestPair.<Integer, String>shape())).hasSize(100);
    }

    @Test
    void firstCommitterWins() {
        List<TestPair<Integer, String>> first = records(11, 1_000);
        MapStatus firstStatus = writer(TaskMemory.unlimited()).write(spec(0, null), first.iterator(), TestPair.shape());

        MapStatus secondStatus = writer(TaskMemory.unlimited())
                .write(spec(0, null), records(12, 3_000).iterator(), TestPair.shape());

        assertThat(secondStatus).isEqualTo(firstStatus);
        assertPartitionsHold(List.of(first));
        assertThat(TestFiles.leftoverFiles(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void failingInputDeletesSpillFilesAndReleasesMemory() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        Iterator<TestPair<Integer, String>> failing = failAfter(records(13, 20_000).iterator(), 15_000);

        assertThatThrownBy(() -> writer(memory).write(spec(0, null), failing, TestPair.shape()))
                .hasMessage("input failed");

        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void interruptedTaskIsCancelled() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> writer(memory).write(spec(0, SUM), numbers(14, 10_000, 10).iterator(),
                    TestPair.shape())).isInstanceOf(CancellationException.class);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void readingOnAnInterruptedThreadIsACancellationNotAFetchFailure() {
        writeAll(List.of(records(16, 1_000)), TaskMemory.unlimited(), null);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> readPartition(0, 1, TestPair.<Integer, String>shape()))
                    .isInstanceOf(CancellationException.class);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void partitionerAnsweringOutOfRangeIsReported() {
        ShuffleWriteSpec<Integer, String, Object> spec = new ShuffleWriteSpec<>(SHUFFLE, 0, 3, key -> 3, null);

        assertThatThrownBy(() -> writer(TaskMemory.unlimited()).write(spec, records(15, 10).iterator(), TestPair.shape()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition 3");
    }

    @Test
    void aJoinTableAndTheMapSideCombineItFeedsShareOneTightBudget() {
        // As a join whose output is reduced by key: the build table holds most of the task's memory, cannot spill,
        // and the writer's combine map must make do with the rest, spilling in chunks rather than record by record.
        long budget = 256 * 1024;
        TaskMemory memory = TaskMemory.fixed(budget);
        RecordTable<Integer, Long> table = new RecordTable<>(memory);
        for (int key = 0; key < 2_000; key++) {
            assertThat(table.add(key, (long) key)).as("the build side fits").isTrue();
        }
        table.built();
        long tableBytes = memory.usedBytes();
        List<TestPair<Integer, Long>> probe = numbers(21, 60_000, 2_000).stream().filter(p -> p.key() != null).toList();
        Iterator<TestPair<Integer, Long>> joined = probe.stream()
                .map(pair -> new TestPair<>(joinedKey(pair), pair.value() * table.match(pair.key()).get(0)))
                .iterator();
        try {
            writer(memory).write(spec(0, SUM), joined, TestPair.shape());

            assertThat(memory.usedBytes()).as("the writer gave back all it held").isEqualTo(tableBytes);
        } finally {
            table.close();
        }
        assertThat(memory.usedBytes()).isZero();
        assertThat(shuffle.metrics().spills.get()).as("chunks, not records").isBetween(1L, 200L);
        Map<Integer, Long> expected = new HashMap<>();
        probe.forEach(pair -> expected.merge(joinedKey(pair), pair.value() * pair.key(), Long::sum));
        Map<Integer, Long> sums = new HashMap<>();
        for (int reduceId = 0; reduceId < PARTITIONS; reduceId++) {
            readPartition(reduceId, 1, TestPair.<Integer, Long>shape())
                    .forEach(pair -> sums.merge(pair.key(), pair.value(), Long::sum));
        }
        assertThat(sums).isEqualTo(expected);
    }

    @Test
    void aWriterAndASorterGrowingInOneTaskSpillForEachOtherAndStayExact() {
        // Upstream of the writer, another consumer of the same task keeps growing (as a sorter filled by the records
        // the writer pulls): each one's refused requests make the other spill, and both results stay exact.
        TaskMemory memory = TaskMemory.fixed(512 * 1024);
        ExternalSorter<Integer, Long> upstream = new ExternalSorter<>(Comparator.<Integer>naturalOrder(),
                shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        List<TestPair<Integer, Long>> input = numbers(23, 80_000, 20_000).stream()
                .filter(p -> p.key() != null).toList();
        Iterator<TestPair<Integer, Long>> feeding = input.stream().map(pair -> {
            upstream.insert(pair.key(), pair.value());
            return pair;
        }).iterator();

        writer(memory).write(spec(0, SUM), feeding, TestPair.shape());

        assertThat(memory.consumerSpills()).as("spills made for the other consumer").isPositive();
        List<TestPair<Integer, Long>> sorted = new ArrayList<>();
        upstream.sortedIterator(TestPair.<Integer, Long>shape()).forEachRemaining(sorted::add);
        assertThat(sorted).hasSize(input.size()).isSortedAccordingTo(Comparator.comparing(TestPair::key));
        assertThat(memory.usedBytes()).isZero();
        Map<Integer, Long> sums = new HashMap<>();
        for (int reduceId = 0; reduceId < PARTITIONS; reduceId++) {
            readPartition(reduceId, 1, TestPair.<Integer, Long>shape())
                    .forEach(pair -> sums.merge(pair.key(), pair.value(), Long::sum));
        }
        assertThat(sums).isEqualTo(expectedSums(List.of(input)));
    }

    /** Many more distinct keys after the join than before it, so that the combine map outgrows what is left. */
    private static int joinedKey(TestPair<Integer, Long> pair) {
        return pair.key() * 50 + (int) (pair.value() % 50);
    }

    private ShuffleMapWriter writer(TaskMemory memory) {
        return new ShuffleMapWriter(shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
    }

    private static <V, C> ShuffleWriteSpec<Integer, V, C> spec(int mapId, Combiner<V, C> combiner) {
        ToIntFunction<Object> byHash = key -> Math.floorMod(Objects.hashCode(key), PARTITIONS);
        return new ShuffleWriteSpec<>(SHUFFLE, mapId, PARTITIONS, byHash, combiner);
    }

    private <V, C> List<MapStatus> writeAll(
            List<List<TestPair<Integer, V>>> inputs, TaskMemory memory, Combiner<V, C> combiner) {
        List<MapStatus> statuses = new ArrayList<>();
        for (int mapId = 0; mapId < inputs.size(); mapId++) {
            statuses.add(writer(memory).write(spec(mapId, combiner), inputs.get(mapId).iterator(), TestPair.shape()));
        }
        return statuses;
    }

    private <K, V> List<TestPair<K, V>> readPartition(int reduceId, int numMaps, RecordShape<TestPair<K, V>, K, V> shape) {
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int mapId = 0; mapId < numMaps; mapId++) {
            blocks.add(new ShuffleBlockId(SHUFFLE, mapId, reduceId));
        }
        List<TestPair<K, V>> records = new ArrayList<>();
        ShuffleReader.read(new LocalShuffleBlockFetcher(shuffle.dirs()), blocks, shuffle.serializer(), shape,
                        shuffle.metrics())
                .forEachRemaining(records::add);
        return records;
    }

    private void assertPartitionsHold(List<List<TestPair<Integer, String>>> inputs) {
        for (int reduceId = 0; reduceId < PARTITIONS; reduceId++) {
            int partition = reduceId;
            List<TestPair<Integer, String>> expected = inputs.stream()
                    .flatMap(List::stream)
                    .filter(pair -> spec(0, null).partitionOf(pair.key()) == partition)
                    .collect(Collectors.toList());
            List<TestPair<Integer, String>> actual = readPartition(reduceId, inputs.size(), TestPair.shape());
            assertThat(counts(actual)).as("partition %d", reduceId).isEqualTo(counts(expected));
        }
    }

    private Map<Integer, Long> reducedSums() {
        Map<Integer, Long> sums = new HashMap<>();
        for (int reduceId = 0; reduceId < PARTITIONS; reduceId++) {
            for (TestPair<Integer, Long> pair : readPartition(reduceId, 2, TestPair.<Integer, Long>shape())) {
                assertThat(spec(0, null).partitionOf(pair.key())).isEqualTo(reduceId);
                sums.merge(pair.key(), pair.value(), Long::sum);
            }
        }
        return sums;
    }

    private static Map<Integer, Long> expectedSums(List<List<TestPair<Integer, Long>>> inputs) {
        Map<Integer, Long> sums = new HashMap<>();
        inputs.forEach(input -> input.forEach(pair -> sums.merge(pair.key(), pair.value(), Long::sum)));
        return sums;
    }

    private static <T> Map<T, Long> counts(List<T> items) {
        return items.stream().collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
    }

    /** Random records with about 1% null keys and 1% null values. */
    private static List<TestPair<Integer, String>> records(long seed, int count) {
        Random random = new Random(seed);
        List<TestPair<Integer, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Integer key = random.nextInt(100) == 0 ? null : random.nextInt(5_000);
            String value = random.nextInt(100) == 0 ? null : "value-" + random.nextInt(1_000_000);
            records.add(new TestPair<>(key, value));
        }
        return records;
    }

    /** Random numbers over {@code distinctKeys} keys plus the null key. */
    private static List<TestPair<Integer, Long>> numbers(long seed, int count, int distinctKeys) {
        Random random = new Random(seed);
        List<TestPair<Integer, Long>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int draw = random.nextInt(distinctKeys + 1);
            records.add(new TestPair<>(draw == distinctKeys ? null : draw, (long) random.nextInt(1_000)));
        }
        return records;
    }

    private static <T> Iterator<T> failAfter(Iterator<T> delegate, int count) {
        return new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public T next() {
                if (served++ == count) {
                    throw new IllegalStateException("input failed");
                }
                return delegate.next();
            }
        };
    }
}
