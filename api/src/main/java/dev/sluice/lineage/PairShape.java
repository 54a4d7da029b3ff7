package dev.sluice.lineage;

import dev.sluice.Pair;

import dev.sluice.spi.RecordShape;

/** The {@link RecordShape} of {@link Pair}: how runtimes take pairs apart and rebuild them around a shuffle. */
public enum PairShape implements RecordShape {
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
}
