package dev.sluice.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.testing.ShuffleFixture;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExternalSorterTest {

    private static final Comparator<Integer> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    @Test
    void sortsExactlyWithManySpills() {
        TaskMemory memory = TaskMemory.fixed(64 * 1024);
        List<TestPair<Integer, Long>> input = records(1, 200_000, 50_000, false);
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), memory);

        sorter.insertAll(input.iterator(), TestPair.shape());
        List<TestPair<Integer, Long>> sorted = drain(sorter.sortedIterator(TestPair.shape()));

        assertThat(shuffle.metrics().spills.get()).isGreaterThan(10);
        assertSortedPermutation(sorted, input, Comparator.naturalOrder());
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
    }

    @Test
    void sortsInMemoryWhenMemoryAllows() {
        List<TestPair<Integer, Long>> input = records(2, 10_000, 1_000, false);
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.reverseOrder(), TaskMemory.unlimited());

        sorter.insertAll(input.iterator(), TestPair.shape());

        assertSortedPermutation(drain(sorter.sortedIterator(TestPair.shape())), input, Comparator.reverseOrder());
        assertThat(shuffle.metrics().spills).hasValue(0);
    }

    @Test
    void sortsNullKeysWithANullFriendlyComparator() {
        List<TestPair<Integer, Long>> input = records(3, 20_000, 100, true);
        ExternalSorter<Integer, Long> sorter = sorter(NULLS_FIRST, TaskMemory.fixed(16 * 1024));

        sorter.insertAll(input.iterator(), TestPair.shape());

        assertThat(shuffle.metrics().spills.get()).isPositive();
        assertSortedPermutation(drain(sorter.sortedIterator(TestPair.shape())), input, NULLS_FIRST);
    }

    @Test
    void emptySorterYieldsNothing() {
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), TaskMemory.unlimited());

        assertThat(sorter.sortedIterator(TestPair.shape()).hasNext()).isFalse();
    }

    @Test
    void closingEarlyDeletesSpillFilesAndReleasesMemory() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), memory);
        sorter.insertAll(records(4, 20_000, 1_000, false).iterator(), TestPair.shape());
        CloseableIterator<TestPair<Integer, Long>> sorted = sorter.sortedIterator(TestPair.shape());
        sorted.next();
        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isNotEmpty();

        sorted.close();

        assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
        assertThat(memory.usedBytes()).isZero();
        assertThat(sorted.hasNext()).isFalse();
    }

    @Test
    void rejectsInsertsAfterIteration() {
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), TaskMemory.unlimited());
        sorter.insert(1, 1L);
        sorter.sortedIterator(TestPair.shape());

        assertThatThrownBy(() -> sorter.insert(2, 2L)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withAPrefixSortsSerializedPairsExactlyInMemoryAndWithManySpills() {
        Comparator<String> order = Comparator.nullsFirst(Comparator.naturalOrder());
        for (TaskMemory memory : List.of(TaskMemory.unlimited(), TaskMemory.fixed(64 * 1024))) {
            List<TestPair<String, Long>> input = stringRecords(5, 30_000);
            ExternalSorter<String, Long> sorter = new ExternalSorter<>(order, KeyPrefix.naturalOrder(true),
                    shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());

            sorter.insertAll(input.iterator(), TestPair.shape());

            assertSortedPermutation(drain(sorter.sortedIterator(TestPair.shape())), input, order);
            assertThat(TestFiles.fileNames(shuffle.dirs().root())).isEmpty();
        }
        assertThat(shuffle.metrics().spills.get()).as("spills of the second, memory-bound sort").isGreaterThan(10);
    }

    @Test
    void aKeyThePrefixDoesNotSupportMovesThePairsToObjects() {
        // CharSequence keys ordered by their text: the prefix agrees for Strings, and knows no StringBuilder.
        Comparator<CharSequence> byText = Comparator.comparing(CharSequence::toString);
        List<TestPair<CharSequence, Long>> input = new ArrayList<>(stringRecords(6, 5_000).stream()
                .map(pair -> new TestPair<CharSequence, Long>(pair.key() == null ? "" : pair.key(), pair.value()))
                .toList());
        input.add(2_500, new TestPair<>(new StringBuilder("shared-key-07"), -1L));
        ExternalSorter<CharSequence, Long> sorter = new ExternalSorter<>(byText, KeyPrefix.naturalOrder(true),
                shuffle.dirs(), shuffle.serializer(), TaskMemory.unlimited(), shuffle.metrics());

        sorter.insertAll(input.iterator(), TestPair.shape());

        assertSortedPermutation(drain(sorter.sortedIterator(TestPair.shape())), input, byText);
    }

    @Test
    void aValueTheSerializerCannotWriteMovesThePairsToObjects() {
        Serializer strict = new KryoSerializer(SerializerSettings.defaults().withRegistrationRequired(true));
        List<TestPair<String, Object>> input = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            input.add(new TestPair<>("key-" + (i * 7919 % 1_000), i == 500 ? new Unregistered(i) : (Object) (long) i));
        }
        ExternalSorter<String, Object> sorter = new ExternalSorter<>(Comparator.naturalOrder(),
                KeyPrefix.naturalOrder(true), shuffle.dirs(), strict, TaskMemory.unlimited(), shuffle.metrics());

        sorter.insertAll(input.iterator(), TestPair.shape());
        List<TestPair<String, Object>> sorted = drain(sorter.sortedIterator(TestPair.shape()));

        assertThat(sorted).extracting(TestPair::key).isSorted().hasSize(1_000);
        assertThat(sorted).containsExactlyInAnyOrderElementsOf(input);
    }

    /** A value class no serializer with registration required will write. */
    private record Unregistered(int id) {
    }

    /** Keys that often share their first eight characters (so prefixes tie), a few of them null; unique values. */
    private static List<TestPair<String, Long>> stringRecords(long seed, int count) {
        Random random = new Random(seed);
        List<TestPair<String, Long>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int draw = random.nextInt(1_000);
            String key = draw == 0 ? null : draw < 500 ? "shared-key-" + random.nextInt(100) : "k" + random.nextInt(1_000_000);
            records.add(new TestPair<>(key, (long) i));
        }
        return records;
    }

    private ExternalSorter<Integer, Long> sorter(Comparator<? super Integer> order, TaskMemory memory) {
        return new ExternalSorter<>(order, shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics());
    }

    private static <K> void assertSortedPermutation(
            List<TestPair<K, Long>> sorted, List<TestPair<K, Long>> input, Comparator<? super K> order) {
        assertThat(sorted).hasSameSizeAs(input);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(order.compare(sorted.get(i - 1).key(), sorted.get(i).key())).as("position %d", i).isLessThanOrEqualTo(0);
        }
        // Values are unique record numbers, so comparing them sorted compares the multisets of pairs.
        Comparator<TestPair<K, Long>> byValue = Comparator.comparing(TestPair::value);
        List<TestPair<K, Long>> expected = new ArrayList<>(input);
        List<TestPair<K, Long>> actual = new ArrayList<>(sorted);
        expected.sort(byValue);
        actual.sort(byValue);
        assertThat(actual).isEqualTo(expected);
    }

    private static List<TestPair<Integer, Long>> records(long seed, int count, int keyRange, boolean withNulls) {
        Random random = new Random(seed);
        List<TestPair<Integer, Long>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Integer key = withNulls && random.nextInt(20) == 0 ? null : random.nextInt(keyRange);
            records.add(new TestPair<>(key, (long) i));
        }
        return records;
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }
}
