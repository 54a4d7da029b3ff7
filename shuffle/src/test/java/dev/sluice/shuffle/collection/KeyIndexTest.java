package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyIndexTest {

    private static KeyIndex index(boolean withLongValues) {
        return new KeyIndex(4, capacity -> capacity / 2, withLongValues);
    }

    /** Inserts {@code key} if it is new, growing as the index asks; returns its slot. */
    private static int put(KeyIndex index, Object key, Map<Object, Integer> slots) {
        int slot = index.slotOf(key);
        if (index.isFree(slot)) {
            index.insert(slot, key);
            slots.put(key, slot);
            if (index.needsToGrow()) {
                Map<Integer, Object> bySlot = new HashMap<>();
                slots.forEach((k, s) -> bySlot.put(s, k));
                index.grow((from, to) -> slots.put(bySlot.get(from), to));
            }
        }
        return slots.get(key);
    }

    @Test
    void growthReportsWhereEveryKeyWentAndLongValuesMoveWithTheirKeys() {
        KeyIndex index = index(true);
        Map<Object, Integer> slots = new HashMap<>();
        for (long key = 0; key < 1_000; key++) {
            index.setLongValue(put(index, key * 7_919, slots), key);
        }

        assertThat(index.size()).isEqualTo(1_000);
        assertThat(index.capacity()).isEqualTo(2_048);
        for (long key = 0; key < 1_000; key++) {
            int slot = index.find(key * 7_919);
            assertThat(slot).isEqualTo(slots.get(key * 7_919));
            assertThat(index.keyAt(slot)).isEqualTo(key * 7_919);
            assertThat(index.longValue(slot)).isEqualTo(key);
        }
    }

    @Test
    void findNeverMovesIntegralKeysToBoxedOnes() {
        KeyIndex index = index(false);
        Map<Object, Integer> slots = new HashMap<>();
        put(index, 1, slots);
        put(index, 2, slots);

        assertThat(index.find("1")).isEqualTo(-1);
        assertThat(index.find(1L)).as("a Long is not an Integer key").isEqualTo(-1);
        assertThat(index.find(3)).isEqualTo(-1);
        assertThat(index.find(2)).isEqualTo(slots.get(2));
        assertThat(index.footprint()).as("still one long[] of 4 keys").isEqualTo(16 + 8 * 4);
    }

    @Test
    void aKeyOfAnotherTypeBoxesTheKeysInTheirSlotsWithTheirLongValues() {
        KeyIndex index = index(true);
        Map<Object, Integer> slots = new HashMap<>();
        index.setLongValue(put(index, 5L, slots), 50);
        index.setLongValue(put(index, KeyIndex.FREE, slots), 60); // the free-slot marker cannot stay integral

        assertThat(index.find(5L)).isEqualTo(slots.get(5L));
        assertThat(index.longValue(slots.get(5L))).isEqualTo(50);
        assertThat(index.keyAt(slots.get(KeyIndex.FREE))).isEqualTo(KeyIndex.FREE);
        assertThat(index.longValue(slots.get(KeyIndex.FREE))).isEqualTo(60);
        assertThat(index.find("5")).isEqualTo(-1);
    }

    @Test
    void freeingASlotAndResettingEmptyTheIndex() {
        KeyIndex index = index(false);
        Map<Object, Integer> slots = new HashMap<>();
        put(index, "a", slots);
        put(index, "b", slots);

        index.free(slots.get("a"));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.isFree(slots.get("a"))).isTrue();

        index.reset(4, false);
        assertThat(index.size()).isZero();
        put(index, 7, new HashMap<>());
        assertThat(index.footprint()).as("integral keys again after a reset").isEqualTo(16 + 8 * 4);
    }
}
