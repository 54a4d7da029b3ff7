package dev.sluice.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.testing.ShuffleFixture;
import dev.sluice.shuffle.testing.TestPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

class ExternalGrouperTest {
    @RegisterExtension
    final ShuffleFixture shuffle = new ShuffleFixture();

    /** Keys with colliding hash codes ("Aa" and "BB"), a null key, and null values. */
    private static List<TestPair<String, Integer>> input(int n, int keys, long seed) {
        Random random = new Random(seed);
        List<TestPair<String, Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(keys);
            String key = k == 0 ? null : (k % 2 == 0 ? "Aa" : "BB") + (k / 2);
            out.add(new TestPair<>(key, i % 97 == 0 ? null : i));
        }
        return out;
    }

    private static Map<String, List<Integer>> expected(List<TestPair<String, Integer>> input) {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (TestPair<String, Integer> p : input) {
            groups.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value());
        }
        groups.values().forEach(ExternalGrouperTest::sortNullsFirst);
        return groups;
    }

    private static void sortNullsFirst(List<Integer> values) {
        values.sort(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    }

    private Map<String, List<Integer>> group(List<TestPair<String, Integer>> input, TaskMemory memory) {
        ExternalGrouper<String, Integer> grouper = new ExternalGrouper<>(shuffle.dirs(), shuffle.serializer(), memory,
                shuffle.metrics());
        grouper.insertAll(input.iterator(), TestPair.shape());
        Map<String, List<Integer>> groups = new HashMap<>();
        grouper.iterator(TestPair.<String, List<Integer>>shape()).forEachRemaining(p -> {
            List<Integer> values = new ArrayList<>(p.value());
            sortNullsFirst(values);
            assertThat(groups.put(p.key(), values)).as("key %s comes out once", p.key()).isNull();
        });
        return groups;
    }

    @Test
    void groupsEveryValueOfEveryKeyInMemory() {
        List<TestPair<String, Integer>> input = input(20_000, 300, 1);
        assertThat(group(input, TaskMemory.unlimited())).isEqualTo(expected(input));
        assertThat(shuffle.metrics().spills.get()).isZero();
    }

    @Test
    void spillsWhenMemoryIsShortAndStillGroupsExactly() throws Exception {
        List<TestPair<String, Integer>> input = input(150_000, 5_000, 2);
        TaskMemory memory = TaskMemory.fixed(64 * 1024);
        assertThat(group(input, memory)).isEqualTo(expected(input));
        assertThat(shuffle.metrics().spills.get()).isGreaterThan(1);
        assertThat(memory.usedBytes()).as("memory is released once the iterator is exhausted").isZero();
        try (Stream<Path> files = Files.walk(shuffle.parent())) {
            assertThat(files.filter(Files::isRegularFile)).as("spill files are deleted").isEmpty();
        }
    }

    @Test
    void groupingOrdersKeysByHashAndKeepsArrivalOrderWithinAKey() {
        dev.sluice.shuffle.collection.PairBuffer<String, Integer> pairs = new dev.sluice.shuffle.collection.PairBuffer<>();
        pairs.add("BB", 1);
        pairs.add("Aa", 2); // same hash code as "BB"
        pairs.add(null, 3);
        pairs.add("BB", 4);
        pairs.add("zz", 5);
        var grouped = ExternalGrouper.group(pairs);
        Map<String, List<Integer>> byKey = new HashMap<>();
        int previousHash = Integer.MIN_VALUE;
        for (int i = 0; i < grouped.size(); i++) {
            int hash = java.util.Objects.hashCode(grouped.key(i));
            assertThat(hash).isGreaterThanOrEqualTo(previousHash);
            previousHash = hash;
            byKey.put(grouped.key(i), grouped.value(i));
        }
        assertThat(byKey).containsEntry("BB", List.of(1, 4)).containsEntry("Aa", List.of(2))
                .containsEntry(null, List.of(3)).containsEntry("zz", List.of(5)).hasSize(4);
        assertThat(Collections.frequency(new ArrayList<>(byKey.keySet()), "BB")).isEqualTo(1);
    }

    @Test
    void integralKeysAreGroupedByHashAloneOnlyWhenTheHashTellsThemApart() {
        Map<Object, List<Integer>> longs = groupAll(List.of(5L, -3L, 5L, 7L, -3L));
        assertThat(longs).containsEntry(5L, List.of(0, 2)).containsEntry(-3L, List.of(1, 4))
                .containsEntry(7L, List.of(3)).hasSize(3);

        // Long.hashCode(1L << 32) == Long.hashCode(1L): beyond the int range, equals decides
        Map<Object, List<Integer>> wide = groupAll(List.of(1L << 32, 1L, 1L << 32));
        assertThat(wide).containsEntry(1L << 32, List.of(0, 2)).containsEntry(1L, List.of(1)).hasSize(2);

        // 5 and 5L share a hash code, as do null and 0: mixed classes and nulls are compared with equals
        List<Object> mixed = new ArrayList<>(List.of(5, 5L, 0));
        mixed.add(null);
        mixed.add(5);
        assertThat(groupAll(mixed)).containsEntry(5, List.of(0, 4)).containsEntry(5L, List.of(1))
                .containsEntry(0, List.of(2)).containsEntry(null, List.of(3)).hasSize(4);
    }

    private static Map<Object, List<Integer>> groupAll(List<Object> keys) {
        dev.sluice.shuffle.collection.PairBuffer<Object, Integer> pairs = new dev.sluice.shuffle.collection.PairBuffer<>();
        for (int i = 0; i < keys.size(); i++) {
            pairs.add(keys.get(i), i);
        }
        var grouped = ExternalGrouper.group(pairs);
        Map<Object, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < grouped.size(); i++) {
            assertThat(byKey.put(grouped.key(i), grouped.value(i))).as("key %s grouped twice", grouped.key(i)).isNull();
        }
        return byKey;
    }

    @Test
    void integralPairsGroupExactlyInMemoryAndWithSpillsIncludingCollidingLongKeys() {
        Random random = new Random(8);
        List<TestPair<Object, Object>> ints = new ArrayList<>();
        List<TestPair<Object, Object>> longs = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            ints.add(new TestPair<>(random.nextInt(3_000) - 1_500, i));
            // 1L << 32 and 1L share a hash code, as do all k << 32 | k' with k ^ k' equal
            long high = random.nextInt(40);
            longs.add(new TestPair<>(high << 32 | random.nextInt(40), (long) i));
        }
        for (List<TestPair<Object, Object>> input : List.of(ints, longs)) {
            for (TaskMemory memory : List.of(TaskMemory.unlimited(), TaskMemory.fixed(32 * 1024))) {
                assertThat(groupObjects(input, memory)).isEqualTo(expectedObjects(input));
            }
        }
        assertThat(shuffle.metrics().spills.get()).as("spills of the memory-bound groupings").isGreaterThan(4);
    }

    @Test
    void aPairThatIsNotTwoIntegralBoxesMovesThePairsToObjects() {
        for (TaskMemory memory : List.of(TaskMemory.unlimited(), TaskMemory.fixed(32 * 1024))) {
            List<TestPair<Object, Object>> input = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                Object value = i == 15_000 ? null : i == 15_001 ? "text" : i == 15_002 ? (Object) 7L : (Object) i;
                input.add(new TestPair<>(i % 700, value));
            }
            assertThat(groupObjects(input, memory)).isEqualTo(expectedObjects(input));
        }
    }

    /** Groups, with each group's values in the order they come out; checks each key comes out once. */
    private Map<Object, List<Object>> groupObjects(List<TestPair<Object, Object>> input, TaskMemory memory) {
        ExternalGrouper<Object, Object> grouper = new ExternalGrouper<>(shuffle.dirs(), shuffle.serializer(), memory,
                shuffle.metrics());
        grouper.insertAll(input.iterator(), TestPair.shape());
        Map<Object, List<Object>> groups = new HashMap<>();
        grouper.iterator(TestPair.<Object, List<Object>>shape()).forEachRemaining(p ->
                assertThat(groups.put(p.key(), sortedByText(p.value()))).as("key %s comes out once", p.key()).isNull());
        return groups;
    }

    private static Map<Object, List<Object>> expectedObjects(List<TestPair<Object, Object>> input) {
        Map<Object, List<Object>> groups = new HashMap<>();
        for (TestPair<Object, Object> p : input) {
            groups.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value());
        }
        groups.replaceAll((key, values) -> sortedByText(values));
        return groups;
    }

    /** The values in one order whatever the spills did to it; the classes stay as they are. */
    private static List<Object> sortedByText(List<Object> values) {
        List<Object> sorted = new ArrayList<>(values);
        sorted.sort(java.util.Comparator.comparing(String::valueOf));
        return sorted;
    }

    @Test
    void cannotBeUsedAfterIteratingOrClosing() {
        ExternalGrouper<String, Integer> grouper = new ExternalGrouper<>(shuffle.dirs(), shuffle.serializer(),
                TaskMemory.unlimited(), shuffle.metrics());
        grouper.iterator(TestPair.<String, List<Integer>>shape());
        assertThatThrownBy(() -> grouper.insertAll(List.<TestPair<String, Integer>>of().iterator(), TestPair.shape()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already been iterated");
        grouper.close();
        grouper.close();
    }
}
