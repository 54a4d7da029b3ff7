package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.io.Input;

/** A {@link RecordInput} reading through a Kryo {@link Input}. */
final class KryoRecordInput implements RecordInput {

    private final StreamKryo kryo;
    private final Input input;

    KryoRecordInput(KryoSerializer serializer, Input input) {
        this.kryo = new StreamKryo(serializer);
        this.input = input;
    }

    @Override
    public Object read() {
        try {
            return kryo.get().readClassAndObject(input);
        } catch (RuntimeException e) {
            throw KryoFailures.onRead(e);
        }
    }

    @Override
    public boolean atEnd() {
        try {
            return input.end();
        } catch (RuntimeException e) {
            throw KryoFailures.onRead(e);
        }
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (RuntimeException e) {
            throw KryoFailures.onRead(e);
        }
    }
}
