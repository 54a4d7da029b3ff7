package dev.sluice.network.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Collection;
import java.util.Map;

/**
 * Serializers for byte arrays, collections and maps that do not trust the sizes written in a message: a byte
 * array may not claim more bytes than the message has left, and a collection's initial capacity is capped by the
 * bytes left (every element takes at least one), so a short message cannot make the reader allocate gigabytes.
 */
final class SizeCheckedSerializers {

    private SizeCheckedSerializers() {
    }

    /** Bytes left in an in-memory input; unbounded for stream-backed inputs, which this class never reads. */
    static int remaining(Input input) {
        return input.getInputStream() == null ? input.limit() - input.position() : Integer.MAX_VALUE;
    }

    /** Byte arrays, passed through untouched, whose claimed length is checked against the message. */
    static final class ByteArrays extends Serializer<byte[]> {
        ByteArrays() {
            setAcceptsNull(true);
        }

        @Override
        public void write(Kryo kryo, Output output, byte[] bytes) {
            if (bytes == null) {
                output.writeVarInt(0, true);
                return;
            }
            output.writeVarInt(bytes.length + 1, true);
            output.writeBytes(bytes);
        }

        @Override
        public byte[] read(Kryo kryo, Input input, Class<? extends byte[]> type) {
            int lengthPlusOne = input.readVarInt(true);
            if (lengthPlusOne == 0) {
                return null;
            }
            int length = lengthPlusOne - 1;
            int remaining = remaining(input);
            if (length > remaining) {
                throw new KryoException("a byte array claims " + length + " bytes but the message has only "
                        + remaining + " left");
            }
            return input.readBytes(length);
        }

        @Override
        public byte[] copy(Kryo kryo, byte[] original) {
            return original.clone();
        }
    }

    /** Collections whose initial capacity is capped by the bytes left. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class Collections extends CollectionSerializer<Collection> {
        @Override
        protected Collection create(Kryo kryo, Input input, Class<? extends Collection> type, int size) {
            return super.create(kryo, input, type, Math.min(size, remaining(input)));
        }
    }

    /** Maps whose initial capacity is capped by the bytes left. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class Maps extends MapSerializer<Map> {
        @Override
        protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
            return super.create(kryo, input, type, Math.min(size, remaining(input)));
        }
    }
}
