package dev.sluice.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.CloseableIterator;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.FixedTaskMemory;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.testing.RecordingMetrics;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {

    private static final Comparator<Integer> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    @TempDir
    Path parent;

    private LocalDirectory dirs;
    private final Serializer serializer = new KryoSerializer(SerializerSettings.defaults());
    private final RecordingMetrics metrics = new RecordingMetrics();

    @BeforeEach
    void setUp() {
        dirs = LocalDirectory.create(parent, "app");
    }

    @AfterEach
    void tearDown() {
        dirs.close();
    }

    @Test
    void sortsExactlyWithManySpills() {
        FixedTaskMemory memory = new FixedTaskMemory(64 * 1024);
        List<TestPair<Integer, Long>> input = records(1, 200_000, 50_000, false);
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), memory);

        sorter.insertAll(input.iterator(), TestPair.shape());
        List<TestPair<Integer, Long>> sorted = drain(sorter.sortedIterator(TestPair.shape()));

        assertThat(metrics.spills.get()).isGreaterThan(10);
        assertSortedPermutation(sorted, input, Comparator.naturalOrder());
        assertThat(memory.used()).isZero();
        assertThat(TestFiles.fileNames(dirs.root())).isEmpty();
    }

    @Test
    void sortsInMemoryWhenMemoryAllows() {
        List<TestPair<Integer, Long>> input = records(2, 10_000, 1_000, false);
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.reverseOrder(), TaskMemory.unlimited());

        sorter.insertAll(input.iterator(), TestPair.shape());

        assertSortedPermutation(drain(sorter.sortedIterator(TestPair.shape())), input, Comparator.reverseOrder());
        assertThat(metrics.spills).hasValue(0);
    }

    @Test
    void sortsNullKeysWithANullFriendlyComparator() {
        List<TestPair<Integer, Long>> input = records(3, 20_000, 100, true);
        ExternalSorter<Integer, Long> sorter = sorter(NULLS_FIRST, new FixedTaskMemory(16 * 1024));

        sorter.insertAll(input.iterator(), TestPair.shape());

        assertThat(metrics.spills.get()).isPositive();
        assertSortedPermutation(drain(sorter.sortedIterator(TestPair.shape())), input, NULLS_FIRST);
    }

    @Test
    void emptySorterYieldsNothing() {
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), TaskMemory.unlimited());

        assertThat(sorter.sortedIterator(TestPair.shape()).hasNext()).isFalse();
    }

    @Test
    void closingEarlyDeletesSpillFilesAndReleasesMemory() {
        FixedTaskMemory memory = new FixedTaskMemory(16 * 1024);
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), memory);
        sorter.insertAll(records(4, 20_000, 1_000, false).iterator(), TestPair.shape());
        CloseableIterator<TestPair<Integer, Long>> sorted = sorter.sortedIterator(TestPair.shape());
        sorted.next();
        assertThat(TestFiles.fileNames(dirs.root())).isNotEmpty();

        sorted.close();

        assertThat(TestFiles.fileNames(dirs.root())).isEmpty();
        assertThat(memory.used()).isZero();
        assertThat(sorted.hasNext()).isFalse();
    }

    @Test
    void rejectsInsertsAfterIteration() {
        ExternalSorter<Integer, Long> sorter = sorter(Comparator.naturalOrder(), TaskMemory.unlimited());
        sorter.insert(1, 1L);
        sorter.sortedIterator(TestPair.shape());

        assertThatThrownBy(() -> sorter.insert(2, 2L)).isInstanceOf(IllegalStateException.class);
    }

    private ExternalSorter<Integer, Long> sorter(Comparator<? super Integer> order, TaskMemory memory) {
        return new ExternalSorter<>(order, dirs, serializer, memory, metrics);
    }

    private static void assertSortedPermutation(
            List<TestPair<Integer, Long>> sorted, List<TestPair<Integer, Long>> input, Comparator<Integer> order) {
        assertThat(sorted).hasSameSizeAs(input);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(order.compare(sorted.get(i - 1).key(), sorted.get(i).key())).as("position %d", i).isLessThanOrEqualTo(0);
        }
        // Values are unique record numbers, so comparing them sorted compares the multisets of pairs.
        Comparator<TestPair<Integer, Long>> byValue = Comparator.comparing(TestPair::value);
        List<TestPair<Integer, Long>> expected = new ArrayList<>(input);
        List<TestPair<Integer, Long>> actual = new ArrayList<>(sorted);
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
