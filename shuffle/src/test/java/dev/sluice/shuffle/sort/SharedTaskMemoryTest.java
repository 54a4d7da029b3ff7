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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spilling collections of one task under one tight budget: each spills when another needs the memory. */
class SharedTaskMemoryTest {

    private static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);

    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    @Test
    void anAggregatorStillTakingInputSpillsWhenASorterOfTheSameTaskNeedsTheMemory() {
        long budget = 512 * 1024;
        TaskMemory memory = TaskMemory.fixed(budget);
        ExternalAggregator<Integer, Long, Long> aggregator =
                new ExternalAggregator<>(SUM, shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        ExternalSorter<Integer, String> sorter = new ExternalSorter<>(Comparator.<Integer>naturalOrder(),
                shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        Map<Integer, Long> sums = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            aggregator.insertValue(i % 5_000, (long) i);
            sums.merge(i % 5_000, (long) i, Long::sum);
        }
        long aggregatorHeld = memory.usedBytes();
        assertThat(aggregatorHeld).isPositive();

        for (int i = 0; i < 50_000; i++) {
            sorter.insert((i * 7919) % 50_000, "value-" + i);
            assertThat(memory.usedBytes()).isLessThanOrEqualTo(budget);
        }

        assertThat(memory.consumerSpills()).as("the aggregator spilled for the sorter").isPositive();
        List<TestPair<Integer, String>> sorted = new ArrayList<>();
        sorter.sortedIterator(TestPair.<Integer, String>shape()).forEachRemaining(sorted::add);
        assertThat(sorted).hasSize(50_000).isSortedAccordingTo(Comparator.comparing(TestPair::key));
        Map<Integer, Long> aggregated = new HashMap<>();
        aggregator.iterator(TestPair.<Integer, Long>shape()).forEachRemaining(p -> aggregated.put(p.key(), p.value()));
        assertThat(aggregated).isEqualTo(sums);
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.leftoverFiles(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void aCollectionBeingIteratedIsNotAskedToSpill() {
        TaskMemory memory = TaskMemory.fixed(256 * 1024);
        ExternalAggregator<Integer, Long, Long> upstream =
                new ExternalAggregator<>(SUM, shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
        for (int i = 0; i < 3_000; i++) {
            upstream.insertValue(i, 1L);
        }
        ExternalSorter<Long, Integer> downstream = new ExternalSorter<>(Comparator.<Long>naturalOrder(),
                shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());

        // The aggregator's output feeds the sorter, as a reduce side feeding a sortByKey of the same stage.
        upstream.iterator(TestPair.<Integer, Long>shape())
                .forEachRemaining(pair -> downstream.insert(pair.value() * 100_000 + pair.key(), pair.key()));

        List<TestPair<Long, Integer>> sorted = new ArrayList<>();
        downstream.sortedIterator(TestPair.<Long, Integer>shape()).forEachRemaining(sorted::add);
        assertThat(sorted).hasSize(3_000).isSortedAccordingTo(Comparator.comparing(TestPair::key));
        assertThat(memory.usedBytes()).isZero();
    }
}
