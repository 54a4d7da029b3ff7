package dev.sluice.lineage;

import dev.sluice.Pair;

import dev.sluice.common.record.KeyPacking;
import dev.sluice.common.record.RecordShape;

/** The {@link RecordShape} of {@link Pair}: how runtimes take pairs apart and rebuild them around a shuffle. */
public enum PairShape implements RecordShape<Object, Object, Object> {
    INSTANCE;

    @Override
    public Object key(Object record) {
        return ((Pair<?, ?>) record).key();
    }

    @Override
    public Object value(Object record) {
        return ((Pair<?, ?>) record).value();
    }

    @Override
    public Object of(Object key, Object value) {
        return new Pair<>(key, value);
    }

    /** Pairs of two {@code Integer}s pack into longs for the shuffle's hash tables. */
    @Override
    public KeyPacking keyPacking() {
        return IntPairKeys.INSTANCE;
    }
}
