package dev.sluice.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.Combiner;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.testing.ShuffleFixture;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExternalAggregatorTest {

    /** A key sharing its hash code with one in ten of all keys. */
    record Colliding(int id) {
        @Override
        public int hashCode() {
            return id % 10;
        }
    }

    private static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);

    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    @Test
    void sumsExactlyWithSpillsAndANullKey() {
        TaskMemory memory = TaskMemory.fixed(32 * 1024);
        List<TestPair<Integer, Long>> input = numbers(1, 200_000, 20_000, Integer::valueOf);

        Map<Integer, Long> sums = aggregate(input, memory);

        assertThat(shuffle.metrics().spills.get()).isGreaterThan(5);
        assertThat(sums).isEqualTo(expectedSums(input)).containsKey(null);
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void sumsExactlyUnderHeavyHashCollisions() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        List<TestPair<Colliding, Long>> input = numbers(2, 50_000, 2_000, Colliding::new);

        Map<Colliding, Long> sums = aggregate(input, memory);

        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertThat(sums).hasSize(2_001).isEqualTo(expectedSums(input));
    }

    @Test
    void sumsInMemoryWhenMemoryAllows() {
        List<TestPair<Integer, Long>> input = numbers(3, 50_000, 1_000, Integer::valueOf);

        assertThat(aggregate(input, TaskMemory.unlimited())).isEqualTo(expectedSums(input));
        assertThat(shuffle.metrics().spills).hasValue(0);
    }

    @Test
    void mergesPartialCombinersFromShuffledInput() {
        ExternalAggregator<String, Long, Long> aggregator = aggregator(SUM, TaskMemory.fixed(8 * 1024));
        List<TestPair<String, Long>> partials = new ArrayList<>();
        for (int map = 0; map < 5; map++) {
            for (int key = 0; key < 2_000; key++) {
                partials.add(new TestPair<>("key-" + key, (long) map));
            }
        }

        aggregator.insertAllCombiners(partials.iterator(), TestPair.shape());

        Map<String, Long> sums = collect(aggregator.iterator(TestPair.shape()));
        assertThat(sums).hasSize(2_000).allSatisfy((key, sum) -> assertThat(sum).isEqualTo(10L));
        assertThat(shuffle.metrics().spills.get()).isPositive();
    }

    @Test
    void groupsGrowingListsAcrossSpills() {
        Combiner<Integer, List<Integer>> group = new Combiner<>(
                value -> new ArrayList<>(List.of(value)),
                (list, value) -> {
                    list.add(value);
                    return list;
                },
                (left, right) -> {
                    left.addAll(right);
                    return left;
                });
        ExternalAggregator<Integer, Integer, List<Integer>> aggregator = aggregator(group, TaskMemory.fixed(64 * 1024));
        for (int i = 0; i < 100_000; i++) {
            aggregator.insertValue(i % 20, i);
        }

        Map<Integer, List<Integer>> groups = collect(aggregator.iterator(TestPair.shape()));

        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertThat(groups).hasSize(20);
        groups.forEach((key, values) -> assertThat(values)
                .hasSize(5_000)
                .allSatisfy(value -> assertThat(value % 20).isEqualTo(key)));
    }

    @Test
    void closingEarlyDeletesSpillFilesAndReleasesMemory() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        ExternalAggregator<Integer, Long, Long> aggregator = aggregator(SUM, memory);
        aggregator.insertAllValues(numbers(4, 20_000, 5_000, Integer::valueOf).iterator(), TestPair.shape());
        CloseableIterator<TestPair<Integer, Long>> sums = aggregator.iterator(TestPair.shape());
        sums.next();

        sums.close();

        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
        assertThat(memory.usedBytes()).isZero();
    }

    private <K> Map<K, Long> aggregate(List<TestPair<K, Long>> input, TaskMemory memory) {
        ExternalAggregator<K, Long, Long> aggregator = aggregator(SUM, memory);
        aggregator.insertAllValues(input.iterator(), TestPair.shape());
        return collect(aggregator.iterator(TestPair.shape()));
    }

    private <K, V, C> ExternalAggregator<K, V, C> aggregator(Combiner<V, C> combiner, TaskMemory memory) {
        return new ExternalAggregator<>(combiner, shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
    }

    /** Collects the output, checking that no key comes out twice. */
    private static <K, C> Map<K, C> collect(CloseableIterator<TestPair<K, C>> iterator) {
        Map<K, C> result = new HashMap<>();
        iterator.forEachRemaining(pair -> assertThat(result.containsKey(pair.key()))
                .as("duplicate key %s", pair.key())
                .isFalse()
                .satisfies(ignored -> result.put(pair.key(), pair.value())));
        return result;
    }

    private static <K> Map<K, Long> expectedSums(List<TestPair<K, Long>> input) {
        Map<K, Long> sums = new HashMap<>();
        input.forEach(pair -> sums.merge(pair.key(), pair.value(), Long::sum));
        return sums;
    }

    /** Random numbers over {@code distinctKeys} keys plus the null key. */
    private static <K> List<TestPair<K, Long>> numbers(long seed, int count, int distinctKeys, IntFunction<K> key) {
        Random random = new Random(seed);
        List<TestPair<K, Long>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int draw = random.nextInt(distinctKeys + 1);
            records.add(new TestPair<>(draw == distinctKeys ? null : key.apply(draw), (long) random.nextInt(1_000)));
        }
        return records;
    }
}
