package dev.sluice.shuffle.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.testing.ShuffleFixture;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import dev.sluice.shuffle.write.ShuffleMapWriter;
import dev.sluice.shuffle.write.ShuffleWriteSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reduce task's whole read: fetched, combined (or grouped) and sorted as the shuffle asks, under tight memory. */
class ReduceSideTest {

    private static final int SHUFFLE = 9;
    private static final int MAPS = 3;
    private static final Combiner<Object, Object> SUM = new Combiner<>(v -> v, (c, v) -> (Long) c + (Long) v,
            (a, b) -> (Long) a + (Long) b);
    private static final Comparator<Object> BY_KEY = Comparator.comparing(key -> (Integer) key);

    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RecordShape<Object, Object, Object> SHAPE = (RecordShape) TestPair.shape();

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Writes {@link #MAPS} map outputs of one reduce partition, combined on the map side when asked. */
    private List<ShuffleBlockId> writeMaps(boolean combineOnMapSide, Map<Integer, Long> expected) {
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int map = 0; map < MAPS; map++) {
            List<Object> records = new ArrayList<>();
            for (int i = 0; i < 30_000; i++) {
                int key = (i * 7 + map) % 4_000;
                records.add(new TestPair<>(key, (long) i));
                expected.merge(key, (long) i, Long::sum);
            }
            ShuffleWriteSpec<Object, Object, Object> spec = new ShuffleWriteSpec<>(SHUFFLE, map, 1, key -> 0,
                    combineOnMapSide ? SUM : null);
            new ShuffleMapWriter(shuffle.dirs(), shuffle.serializer(), TaskMemory.unlimited(), shuffle.metrics())
                    .write(spec, records.iterator(), SHAPE);
            blocks.add(new ShuffleBlockId(SHUFFLE, map, 0));
        }
        return blocks;
    }

    private ReduceSide reduceSide(TaskMemory memory) {
        return new ReduceSide(shuffle.dirs(), shuffle.serializer(), memory, shuffle.metrics(), opened::add);
    }

    private void endTask() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void combinesPartialCombinersAndSortsByKeyUnderATightBudget() throws Exception {
        Map<Integer, Long> expected = new TreeMap<>();
        List<ShuffleBlockId> blocks = writeMaps(true, expected);
        TaskMemory memory = TaskMemory.fixed(32 * 1024);

        List<TestPair<Integer, Long>> out = new ArrayList<>();
        reduceSide(memory).read(new LocalShuffleBlockFetcher(shuffle.dirs()), blocks,
                        new ReduceSide.Spec(SHAPE, SUM, true, BY_KEY, KeyPrefix.naturalOrder(true)))
                .forEachRemaining(record -> out.add(cast(record)));

        assertThat(out).extracting(TestPair::key).containsExactlyElementsOf(expected.keySet());
        assertThat(out).extracting(TestPair::value).containsExactlyElementsOf(expected.values());
        assertThat(shuffle.metrics().spills.get()).as("both the aggregator and the sorter spilled").isGreaterThan(1);
        assertThat(opened).hasSize(2);
        endTask();
        assertThat(memory.usedBytes()).isZero();
        assertThat(TestFiles.leftoverFiles(shuffle.dirs().root())).allMatch(name -> name.contains("shuffle_"));
    }

    @Test
    void groupsRawValuesIntoListsWhenTheCombinerGroups() throws Exception {
        Map<Integer, Long> expected = new TreeMap<>();
        List<ShuffleBlockId> blocks = writeMaps(false, expected);
        Combiner<Object, Object> lists = new Combiner<>(v -> new ArrayList<>(List.of(v)),
                (c, v) -> c, (a, b) -> a, true, null);

        Map<Integer, Long> sums = new TreeMap<>();
        reduceSide(TaskMemory.fixed(64 * 1024)).read(new LocalShuffleBlockFetcher(shuffle.dirs()), blocks,
                        new ReduceSide.Spec(SHAPE, lists, false, null, null))
                .forEachRemaining(record -> {
                    TestPair<Integer, List<Long>> group = cast(record);
                    sums.put(group.key(), group.value().stream().mapToLong(Long::longValue).sum());
                });

        assertThat(sums).isEqualTo(expected);
        endTask();
    }

    @Test
    void readsAsFetchedWhenNothingIsAsked() {
        List<ShuffleBlockId> blocks = writeMaps(false, new TreeMap<>());

        List<Object> out = new ArrayList<>();
        reduceSide(TaskMemory.unlimited()).read(new LocalShuffleBlockFetcher(shuffle.dirs()), blocks,
                new ReduceSide.Spec(SHAPE, null, false, null, null)).forEachRemaining(out::add);

        assertThat(out).hasSize(MAPS * 30_000);
        assertThat(opened).isEmpty();
    }

    @Test
    void partialCombinersWithoutACombinerAreABug() {
        assertThatThrownBy(() -> new ReduceSide.Spec(SHAPE, null, true, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> TestPair<K, V> cast(Object record) {
        return (TestPair<K, V>) record;
    }
}
