package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.testing.TestPair;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

class RecordTableTest {

    @Test
    void holdsEveryValueOfEachKeyIncludingNullsAndMarksMatches() {
        RecordTable<String, Integer> table = new RecordTable<>(TaskMemory.unlimited());
        assertThat(table.add("a", 1)).isTrue();
        table.add("a", 2);
        table.add("a", null);
        table.add(null, 7);
        table.add("b", 3);

        assertThat(table.records()).isEqualTo(5);
        assertThat(table.match("a")).containsExactly(1, 2, null);
        assertThat(table.match(null)).containsExactly(7);
        assertThat(table.match("missing")).isNull();

        Map<String, List<Integer>> unmatched = new HashMap<>();
        table.forEachUnmatched((k, v) -> unmatched.put(k, List.copyOf(v)));
        assertThat(unmatched).containsOnlyKeys("b").containsEntry("b", List.of(3));
    }

    @Test
    void refusedMemoryIsReportedAndDrainingHandsBackEveryRecordAndTheMemory() {
        TaskMemory memory = TaskMemory.fixed(64 * 1024);
        RecordTable<String, Long> table = new RecordTable<>(memory);
        int added = 0;
        boolean fits = true;
        while (fits) {
            fits = table.add("key-" + (added % 5_000), (long) added);
            added++;
        }
        assertThat(added).as("records added before memory ran out").isGreaterThan(100).isLessThan(5_000);
        assertThat(memory.usedBytes()).isPositive();

        Iterator<TestPair<String, Long>> drained = table.drain(TestPair.shape());
        assertThat(memory.usedBytes()).isZero();
        List<Long> values = new ArrayList<>();
        drained.forEachRemaining(p -> {
            assertThat(p.key()).isEqualTo("key-" + (p.value() % 5_000));
            values.add(p.value());
        });
        assertThat(values).hasSize(added).doesNotHaveDuplicates();
        assertThat(table.match("key-0")).isNull();
    }

    @Test
    void integralKeysAreFoundAcrossGrowthTheSentinelAndAMoveToOtherKeys() {
        for (boolean otherKeysArrive : new boolean[] {false, true}) {
            RecordTable<Object, Object> table = new RecordTable<>(TaskMemory.unlimited());
            Map<Object, List<Object>> expected = new HashMap<>();
            Random random = new Random(21);
            for (int i = 0; i < 30_000; i++) {
                Object key = random.nextInt(8_000) - 4_000L;
                if (i == 500) {
                    key = 0x8000_0000_7FFF_FFFFL; // the free-slot marker
                } else if (otherKeysArrive && i > 20_000 && i % 5 == 0) {
                    key = "k" + random.nextInt(100);
                }
                Object value = i % 7 == 0 ? null : (Object) (double) i;
                table.add(key, value);
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            for (Map.Entry<Object, List<Object>> entry : expected.entrySet()) {
                if (!entry.getKey().equals(17L)) {
                    assertThat(table.match(entry.getKey())).as("values of %s", entry.getKey()).isEqualTo(entry.getValue());
                }
            }
            assertThat(table.match(17)).as("an Integer is not the Long key 17").isNull();
            assertThat(table.match(4_001L)).isNull();

            Map<Object, List<Object>> unmatched = new HashMap<>();
            table.forEachUnmatched((k, v) -> unmatched.put(k, new ArrayList<>(v)));
            assertThat(unmatched).containsOnlyKeys(17L).containsEntry(17L, expected.get(17L));

            Map<Object, List<Object>> drained = new HashMap<>();
            table.drain(TestPair.shape()).forEachRemaining(p ->
                    drained.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value()));
            assertThat(drained).isEqualTo(expected);
            assertThat(table.match(17L)).isNull();
        }
    }

    @Test
    void closeReleasesTheMemory() {
        TaskMemory memory = TaskMemory.fixed(1 << 20);
        RecordTable<Integer, Integer> table = new RecordTable<>(memory);
        for (int i = 0; i < 1_000; i++) {
            table.add(i, i);
        }
        assertThat(memory.usedBytes()).isPositive();
        table.close();
        table.close();
        assertThat(memory.usedBytes()).isZero();
        assertThat(table.match(1)).isNull();
    }
}
