package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.serializer.RecordInput;

/** A cursor over the key/value pairs of a spill file, read one pair at a time. */
final class SpillCursor<K, V> extends DecodingCursor<K, V> {

    private final RecordInput input;
    private boolean closed;

    SpillCursor(RecordInput input) {
        this.input = input;
    }

    @Override
    public boolean advance() {
        if (closed) {
            return false;
        }
        if (input.atEnd()) {
            close();
            return false;
        }
        Object key = input.read();
        hold(key, input.read());
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release();
            input.close();
        }
    }
}
