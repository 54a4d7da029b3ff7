package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySlotsTest {

    /** Slots with nothing else per slot but the long values, if any. */
    private static final class Slots extends KeySlots {
        Slots(boolean withLongValues) {
            super(4, capacity -> capacity / 2, withLongValues);
        }
    }

    private static KeySlots index(boolean withLongValues) {
        return new Slots(withLongValues);
    }

    /** Inserts {@code key} if it is new, growing as the index asks; returns its slot. */
    private static int put(KeySlots index, Object key, Map<Object, Integer> slots) {
        int slot = index.slotOf(key);
        if (index.isFree(slot)) {
            index.insertKey(slot, key);
            slots.put(key, slot);
            if (index.needsToGrow()) {
                Map<Integer, Object> bySlot = new HashMap<>();
                slots.forEach((k, s) -> bySlot.put(s, k));
                index.growKeys((from, to) -> slots.put(bySlot.get(from), to));
            }
        }
        return slots.get(key);
    }

    @Test
    void growthReportsWhereEveryKeyWentAndLongValuesMoveWithTheirKeys() {
        KeySlots index = index(true);
        Map<Object, Integer> slots = new HashMap<>();
        for (long key = 0; key < 1_000; key++) {
            index.setLongValue(put(index, key * 7_919, slots), key);
        }

        assertThat(index.keyCount()).isEqualTo(1_000);
        assertThat(index.capacity()).isEqualTo(2_048);
        for (long key = 0; key < 1_000; key++) {
            int slot = index.findSlot(key * 7_919);
            assertThat(slot).isEqualTo(slots.get(key * 7_919));
            assertThat(index.keyAt(slot)).isEqualTo(key * 7_919);
            assertThat(index.longValue(slot)).isEqualTo(key);
        }
    }

    @Test
    void findNeverMovesIntegralKeysToBoxedOnes() {
        KeySlots index = index(false);
        Map<Object, Integer> slots = new HashMap<>();
        put(index, 1, slots);
        put(index, 2, slots);

        assertThat(index.findSlot("1")).isEqualTo(-1);
        assertThat(index.findSlot(1L)).as("a Long is not an Integer key").isEqualTo(-1);
        assertThat(index.findSlot(3)).isEqualTo(-1);
        assertThat(index.findSlot(2)).isEqualTo(slots.get(2));
        assertThat(index.keysFootprint()).as("still one long[] of 4 keys").isEqualTo(16 + 8 * 4);
    }

    @Test
    void aKeyOfAnotherTypeBoxesTheKeysInTheirSlotsWithTheirLongValues() {
        KeySlots index = index(true);
        Map<Object, Integer> slots = new HashMap<>();
        index.setLongValue(put(index, 5L, slots), 50);
        index.setLongValue(put(index, KeySlots.FREE, slots), 60); // the free-slot marker cannot stay integral

        assertThat(index.findSlot(5L)).isEqualTo(slots.get(5L));
        assertThat(index.longValue(slots.get(5L))).isEqualTo(50);
        assertThat(index.keyAt(slots.get(KeySlots.FREE))).isEqualTo(KeySlots.FREE);
        assertThat(index.longValue(slots.get(KeySlots.FREE))).isEqualTo(60);
        assertThat(index.findSlot("5")).isEqualTo(-1);
    }

    @Test
    void freeingASlotAndResettingEmptyTheIndex() {
        KeySlots index = index(false);
        Map<Object, Integer> slots = new HashMap<>();
        put(index, "a", slots);
        put(index, "b", slots);

        index.freeSlot(slots.get("a"));
        assertThat(index.keyCount()).isEqualTo(1);
        assertThat(index.isFree(slots.get("a"))).isTrue();

        index.resetKeys(4, false);
        assertThat(index.keyCount()).isZero();
        put(index, 7, new HashMap<>());
        assertThat(index.keysFootprint()).as("integral keys again after a reset").isEqualTo(16 + 8 * 4);
    }
}
