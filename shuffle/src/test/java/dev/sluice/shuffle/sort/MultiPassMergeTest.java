package dev.sluice.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.testing.ShuffleFixture;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Collections that spilled more runs than they may merge at once merge them in passes, with exact results. */
class MultiPassMergeTest {

    private static final int FAN_IN = 4;
    private static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);

    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    @Test
    void anAggregatorMergesManyRunsInPassesAndSumsExactly() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        ExternalAggregator<Integer, Long, Long> aggregator =
                new ExternalAggregator<>(SUM, shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        aggregator.maxMergeFanIn(FAN_IN);
        Map<Integer, Long> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            Integer key = random.nextInt(50) == 0 ? null : random.nextInt(10_000);
            aggregator.insertValue(key, (long) i);
            expected.merge(key, (long) i, Long::sum);
        }
        long spills = shuffle.metrics().spills.get();
        assertThat(spills).as("many more runs than the fan-in").isGreaterThan(3L * FAN_IN);

        Map<Integer, Long> sums = new HashMap<>();
        aggregator.iterator(TestPair.<Integer, Long>shape()).forEachRemaining(p -> {
            assertThat(sums).doesNotContainKey(p.key());
            sums.put(p.key(), p.value());
        });

        assertThat(aggregator.mergePasses()).isPositive();
        assertThat(sums).isEqualTo(expected);
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void aSorterMergesManyRunsInPassesAndStaysSorted() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        ExternalSorter<Integer, String> sorter = new ExternalSorter<>(Comparator.<Integer>naturalOrder(),
                shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        sorter.maxMergeFanIn(FAN_IN);
        List<Integer> keys = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 60_000; i++) {
            int key = random.nextInt(1_000_000);
            keys.add(key);
            sorter.insert(key, "v" + key);
        }
        assertThat(shuffle.metrics().spills.get()).isGreaterThan(3L * FAN_IN);

        List<TestPair<Integer, String>> sorted = new ArrayList<>();
        sorter.sortedIterator(TestPair.<Integer, String>shape()).forEachRemaining(sorted::add);

        assertThat(sorter.mergePasses()).isPositive();
        keys.sort(null);
        assertThat(sorted).extracting(TestPair::key).isEqualTo(keys);
        assertThat(sorted).allMatch(p -> p.value().equals("v" + p.key()));
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void aGrouperMergesManyRunsInPassesAndKeepsEveryValue() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        ExternalGrouper<String, Integer> grouper =
                new ExternalGrouper<>(shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        grouper.maxMergeFanIn(FAN_IN);
        List<TestPair<String, Integer>> input = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            String key = "k" + (i * 31 % 3_000);
            input.add(new TestPair<>(key, i));
            expected.merge(key, (long) i, Long::sum);
        }
        grouper.insertAll(input.iterator(), TestPair.shape());
        assertThat(shuffle.metrics().spills.get()).isGreaterThan(3L * FAN_IN);

        Map<String, Long> sums = new HashMap<>();
        grouper.iterator(TestPair.<String, List<Integer>>shape()).forEachRemaining(p -> {
            assertThat(sums).doesNotContainKey(p.key());
            sums.put(p.key(), p.value().stream().mapToLong(Integer::longValue).sum());
        });

        assertThat(grouper.mergePasses()).isPositive();
        assertThat(sums).isEqualTo(expected);
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }
}
