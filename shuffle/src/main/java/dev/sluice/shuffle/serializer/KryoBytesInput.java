package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.io.Input;

/** A {@link BytesInput} reading through one Kryo {@link Input} that is pointed at each region in turn. */
final class KryoBytesInput implements BytesInput {

    private final StreamKryo kryo;
    private final Input input = new Input();

    KryoBytesInput(KryoSerializer serializer) {
        this.kryo = new StreamKryo(serializer);
    }

    @Override
    public void reset(byte[] bytes, int offset, int length) {
        input.setBuffer(bytes, offset, length);
    }

    @Override
    public Object read() {
        try {
            return kryo.get().readClassAndObject(input);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot deserialize a record kept in memory: " + e.getMessage(), e);
        }
    }
}
