package dev.sluice.lineage;

import dev.sluice.Pair;
import dev.sluice.common.record.KeyPacking;

/**
 * Packs pairs of two {@code Integer}s, such as the keys of {@code distinct()} over graph edges or of aggregations by
 * (id, id), into a long (the key's bits high, the value's low), so that hash tables keep them unboxed.
 */
public enum IntPairKeys implements KeyPacking {
    INSTANCE;

    @Override
    public boolean packs(Object key) {
        return key instanceof Pair<?, ?> pair && pair.key() instanceof Integer && pair.value() instanceof Integer;
    }

    @Override
    public long pack(Object key) {
        Pair<?, ?> pair = (Pair<?, ?>) key;
        return (long) (Integer) pair.key() << 32 | (Integer) pair.value() & 0xFFFF_FFFFL;
    }

    @Override
    public Object unpack(long packed) {
        return Pair.of((int) (packed >>> 32), (int) packed);
    }

    /** {@link Pair#hashCode()} of the unpacked pair. */
    @Override
    public int hashCode(long packed) {
        return 0x9E3779B9 * (int) (packed >>> 32) + (int) packed;
    }
}
