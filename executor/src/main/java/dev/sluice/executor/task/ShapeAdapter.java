package dev.sluice.executor.task;

import dev.sluice.shuffle.KeyPacking;
import dev.sluice.shuffle.RecordShape;

/** Presents the API's record shape (pairs) to the shuffle layer, which knows nothing of the API. */
record ShapeAdapter(dev.sluice.spi.RecordShape shape) implements RecordShape<Object, Object, Object> {
    @Override
    public Object key(Object record) {
        return shape.key(record);
    }

    @Override
    public Object value(Object record) {
        return shape.value(record);
    }

    @Override
    public Object of(Object key, Object value) {
        return shape.of(key, value);
    }

    @Override
    public KeyPacking keyPacking() {
        return IntPairKeys.INSTANCE;
    }
}
