package dev.sluice.shuffle.collection;

import dev.sluice.common.record.KeyPacking;
import dev.sluice.shuffle.memory.SizeEstimator;
import java.util.function.IntUnaryOperator;

/**
 * The keys of an open-addressing hash table and their slots: the base of {@link CombineMap} and {@link RecordTable},
 * which keep what belongs to each key in arrays of their own, indexed by slot. Null keys are the tables' own
 * business; every key here is non-null.
 *
 * <p>A base class rather than an object the tables hold, so that a probe reads the table's own fields: with the keys
 * in a separate object, every fold into a combiner waited for one more dependent load, which made folding into a
 * small table measurably slower.
 *
 * <p>Linear probing over spread hashes ({@link #mix}): the keys of one reduce partition share their hash modulo the
 * partition count, which would otherwise pile them into a fraction of the slots.
 *
 * <p>While every key is a {@link Long} (or every key an {@link Integer}, or every key one that a {@link KeyPacking}
 * packs), only the keys' values are kept, in a {@code long[]} with a sentinel for free slots: a probe reads one array
 * and never dereferences a boxed key scattered over the heap, and the boxed keys are not kept at all (they are made
 * again by {@link #keyAt}), which spares the collector a reference store per new key and the copying of live keys.
 * The first key of another type (or equal to the sentinel) moves the table to boxed keys for good, each key staying
 * in its slot; boxed keys are kept with their spread hash, so that a probe calls {@code equals} only on a hash match.
 *
 * <p>A table may keep one {@code long} per slot here ({@link #longValue}): with integral keys it is interleaved with
 * the keys, so that reading or updating the value of a key just probed touches one cache line, not one in each of
 * two arrays.
 *
 * <p>Not thread-safe.
 */
abstract class KeySlots {

    /** Marks a free slot of the integral keys; a key with this value moves the table to boxed keys. */
    static final long FREE = 0x8000_0000_7FFF_FFFFL;

    /** Told where each key went when the table grows. */
    @FunctionalInterface
    interface Relocation {
        /** The key of slot {@code from} of the old table is now in slot {@code to}. */
        void moved(int from, int to);
    }

    /** The most keys a table of a given capacity holds before it grows. */
    private final IntUnaryOperator maxKeys;
    /**
     * The integral keys' values ({@link #FREE} marks a free slot) and the long values, interleaved when there are
     * both: slot {@code i}'s key is at {@code i << shift} and its value at {@code (i << shift) + shift}. Null while
     * neither is in use.
     */
    private long[] longs;
    /** 1 when {@link #longs} holds keys and values, 0 when it holds one of them. */
    private int shift;
    /** Whether every key is of {@link #keyType} and kept in {@link #longs}. */
    private boolean integralKeys;
    /** Whether each slot has a long value in {@link #longs}. */
    private boolean longValues;
    /**
     * {@code Long.class} or {@code Integer.class}, or {@code KeyPacking.class} for keys {@link #packing} packs, once
     * the first key is in; null before.
     */
    private Class<?> keyType;
    /** Packs keys of the caller's types into longs; null if none. */
    private KeyPacking packing;
    /** The keys, once they are not all of one integral type (null before); a null slot is free. */
    private Object[] keys;
    /** The spread hash of {@code keys[i]}; null with {@link #keys}. */
    private int[] hashes;
    /** The spread hash of the key last probed for with {@link #slotOf}, for the {@link #insertKey} that may follow. */
    private int probedHash;
    private int mask;
    private int size;
    private int growThreshold;

    /**
     * An empty table of {@code capacity} slots (a power of two), with a long value per slot if {@code withLongValues};
     * it grows once it holds more keys than {@code maxKeys} allows for its capacity.
     */
    KeySlots(int capacity, IntUnaryOperator maxKeys, boolean withLongValues) {
        this.maxKeys = maxKeys;
        resetKeys(capacity, withLongValues);
    }

    /** Empties the keys, back to {@code capacity} slots; the next key decides the keys' representation again. */
    void resetKeys(int capacity, boolean withLongValues) {
        allocate(capacity, true, withLongValues);
        keyType = null;
        size = 0;
    }

    /**
     * Lets keys that {@code packing} packs be kept as longs, as {@code Long} and {@code Integer} keys are. Takes
     * effect for a table with no keys (or reset), where the next key decides the representation.
     */
    void packKeys(KeyPacking packing) {
        if (keyType == null) {
            this.packing = packing;
        }
    }

    /** The number of slots. */
    int capacity() {
        return mask + 1;
    }

    /** The number of keys. */
    int keyCount() {
        return size;
    }

    /**
     * The slot holding {@code key}, or the free slot where it belongs. A key that the integral representation
     * cannot hold moves the table to boxed keys first.
     */
    int slotOf(Object key) {
        if (integralKeys) {
            if (keyType == null) {
                keyType = key instanceof Long || key instanceof Integer ? key.getClass()
                        : packing != null && packing.packs(key) ? KeyPacking.class : null;
            }
            if (key instanceof Long boxed && keyType == Long.class && boxed != FREE) {
                return slotOfIntegral(boxed, Long.hashCode(boxed));
            }
            if (key instanceof Integer boxed && keyType == Integer.class) {
                return slotOfIntegral(boxed, boxed);
            }
            if (keyType == KeyPacking.class && packing.packs(key)) {
                long packed = packing.pack(key);
                if (packed != FREE) {
                    return slotOfIntegral(packed, key.hashCode());
                }
            }
            boxKeys(); // a key of another type: compare with equals from now on
        }
        int hash = mix(key.hashCode());
        probedHash = hash;
        return slotOfBoxed(key, hash);
    }

    /** The slot holding {@code key}, or -1 if the table does not hold it; never changes the representation. */
    int findSlot(Object key) {
        int slot;
        if (!integralKeys) {
            slot = slotOfBoxed(key, mix(key.hashCode()));
        } else if (key instanceof Long boxed && keyType == Long.class) {
            slot = slotOfIntegral(boxed, Long.hashCode(boxed));
        } else if (key instanceof Integer boxed && keyType == Integer.class) {
            slot = slotOfIntegral(boxed, boxed);
        } else if (keyType == KeyPacking.class && packing.packs(key)) {
            slot = slotOfIntegral(packing.pack(key), key.hashCode());
        } else {
            return -1; // no key of another type was inserted, or the keys would be boxed
        }
        return isFree(slot) ? -1 : slot;
    }

    private int slotOfBoxed(Object key, int hash) {
        int index = hash & mask;
        while (true) {
            Object candidate = keys[index];
            if (candidate == null || hashes[index] == hash && (candidate == key || key.equals(candidate))) {
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    /**
     * The slot of integral key {@code value}, or the free slot where it belongs. {@code hashCode} is the boxed
     * key's ({@code Long.hashCode}, {@code Integer.hashCode} or the packed key's), so that boxed keys find the same
     * slots.
     */
    private int slotOfIntegral(long value, int hashCode) {
        int index = mix(hashCode) & mask;
        long found;
        while ((found = longs[index << shift]) != value && found != FREE) {
            index = (index + 1) & mask;
        }
        return index;
    }

    /** Whether {@code slot} holds no key. */
    boolean isFree(int slot) {
        return integralKeys ? longs[slot << shift] == FREE : keys[slot] == null;
    }

    /** The key in {@code slot}, boxed again if the table keeps integral keys. */
    Object keyAt(int slot) {
        if (!integralKeys) {
            return keys[slot];
        }
        long value = longs[slot << shift];
        return keyType == Integer.class ? (Object) Integer.valueOf((int) value)
                : keyType == Long.class ? (Object) Long.valueOf(value) : packing.unpack(value);
    }

    /**
     * Puts {@code key} into the free slot {@link #slotOf} just found for it. The caller then stores what belongs to
     * the key at {@code slot}, and grows the table if it {@link #needsToGrow}.
     */
    void insertKey(int slot, Object key) {
        if (integralKeys) {
            longs[slot << shift] = key instanceof Long l ? l : key instanceof Integer i ? i : packing.pack(key);
        } else {
            keys[slot] = key;
            hashes[slot] = probedHash;
        }
        size++;
    }

    /** Whether the table holds more keys than its load allows, and the caller should {@link #growKeys} it. */
    boolean needsToGrow() {
        return size > growThreshold;
    }

    /**
     * Empties {@code slot}. Only for a caller that visits the slots in order to drain the table, and looks no key up
     * afterwards: a freed slot may cut a probe chain.
     */
    void freeSlot(int slot) {
        if (integralKeys) {
            longs[slot << shift] = FREE;
        } else {
            keys[slot] = null;
        }
        size--;
    }

    /** The long value of {@code slot}. */
    long longValue(int slot) {
        return longs[(slot << shift) + shift];
    }

    /** Sets the long value of {@code slot}. */
    void setLongValue(int slot, long value) {
        longs[(slot << shift) + shift] = value;
    }

    /** Stops keeping a long value per slot, for good. */
    void dropLongValues() {
        longValues = false;
        if (shift == 0) {
            longs = null; // it held only the values
        }
    }

    /** Leaves the integral-key representation for good, boxing the keys in place (their slots do not move). */
    private void boxKeys() {
        int capacity = mask + 1;
        Object[] boxed = new Object[capacity];
        int[] spread = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            if (longs[i << shift] != FREE) {
                Object key = keyAt(i);
                boxed[i] = key;
                spread[i] = mix(key.hashCode());
            }
        }
        keys = boxed;
        hashes = spread;
        integralKeys = false;
        if (shift == 0) {
            longs = null; // it held only the keys
        }
    }

    /**
     * Doubles the capacity, moving every key (and its long value) to its slot in the larger table, and tells
     * {@code relocation} where each went; null if the caller keeps nothing else per slot.
     */
    void growKeys(Relocation relocation) {
        int capacity = mask + 1;
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldLongs = longs;
        int oldShift = shift;
        allocate(capacity * 2, integralKeys, longValues);
        for (int old = 0; old < capacity; old++) {
            int index;
            if (integralKeys) {
                long key = oldLongs[old << oldShift];
                if (key == FREE) {
                    continue;
                }
                index = slotOfIntegral(key, integralHashCode(key));
                longs[index << shift] = key;
            } else {
                Object key = oldKeys[old];
                if (key == null) {
                    continue;
                }
                int hash = oldHashes[old];
                index = hash & mask;
                while (keys[index] != null) {
                    index = (index + 1) & mask;
                }
                keys[index] = key;
                hashes[index] = hash;
            }
            if (longValues) {
                longs[(index << shift) + shift] = oldLongs[(old << oldShift) + oldShift];
            }
            if (relocation != null) {
                relocation.moved(old, index);
            }
        }
    }

    /** The hash code of the boxed key whose value is {@code key}. */
    private int integralHashCode(long key) {
        return keyType == Integer.class ? Integer.hashCode((int) key)
                : keyType == Long.class ? Long.hashCode(key) : packing.hashCode(key);
    }

    private void allocate(int capacity, boolean withIntegralKeys, boolean withLongValues) {
        integralKeys = withIntegralKeys;
        longValues = withLongValues;
        shift = withIntegralKeys && withLongValues ? 1 : 0;
        longs = withIntegralKeys || withLongValues ? new long[capacity << shift] : null;
        if (withIntegralKeys) {
            for (int i = 0; i < capacity; i++) {
                longs[i << shift] = FREE;
            }
            keys = null;
            hashes = null;
        } else {
            keys = new Object[capacity];
            hashes = new int[capacity];
        }
        mask = capacity - 1;
        growThreshold = maxKeys.applyAsInt(capacity);
    }

    /** The heap taken by the arrays of keys (and long values), not counting boxed keys. */
    long keysFootprint() {
        int capacity = mask + 1;
        long longArray = longs != null ? 16L + 8L * longs.length : 0;
        long keyArrays = keys != null ? SizeEstimator.referenceArrayBytes(capacity) + 16L + 4L * capacity : 0;
        return longArray + keyArrays;
    }

    /**
     * Spreads hash codes so that keys differing only in high bits do not cluster, nor keys that share their low
     * bits (the keys of one reduce partition, whose hash modulo the partition count is the same).
     */
    static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
