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

    /**
     * Any serializer whose data starts with a count (a varint: an array's length plus one, a collection's or map's
     * size) and that would allocate for that count before reading the elements: the count may not exceed the bytes
     * left, since every element takes at least one. Wraps Kryo's array serializers and the JDK immutable
     * collections' ones, which trust the count.
     */
    static final class CountChecked<T> extends Serializer<T> {
        private final Serializer<T> delegate;

        CountChecked(Serializer<T> delegate) {
            super(delegate.getAcceptsNull(), delegate.isImmutable());
            this.delegate = delegate;
        }

        @Override
        public void write(Kryo kryo, Output output, T object) {
            delegate.write(kryo, output, object);
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            int start = input.position();
            // Collections write their size with a flag in the first byte's top bit; arrays and maps as a varint.
            int count = delegate instanceof CollectionSerializer ? input.readVarIntFlag(true) : input.readVarInt(true);
            input.setPosition(start);
            int remaining = remaining(input);
            if (count - 1 > remaining) {
                throw new KryoException("a " + type.getSimpleName() + " claims " + (count - 1) + " or more elements "
                        + "but the message has only " + remaining + " bytes left");
            }
            return delegate.read(kryo, input, type);
        }

        @Override
        public T copy(Kryo kryo, T original) {
            return delegate.copy(kryo, original);
        }
    }

    /**
     * An input over one message whose strings may not claim more characters than it has bytes left (Kryo would
     * allocate the claimed length before reading a character).
     */
    static final class BoundedInput extends Input {
        BoundedInput(byte[] bytes) {
            super(bytes);
        }

        @Override
        public String readString() {
            checkClaimedLength();
            return super.readString();
        }

        @Override
        public StringBuilder readStringBuilder() {
            checkClaimedLength();
            return super.readStringBuilder();
        }

        /** Peeks at the length a UTF-8 string about to be read claims, and refuses one longer than what is left. */
        private void checkClaimedLength() {
            int start = position;
            if (start < limit && (buffer[start] & 0x80) != 0) {
                int claimed = utf8Length() - 1;
                position = start;
                if (claimed > limit - start) {
                    throw new KryoException("a string claims " + claimed + " characters but the message has only "
                            + (limit - start) + " bytes left");
                }
            }
        }

        /** Kryo's UTF-8 string header: the character count plus one, 6 bits in the first byte, then 7 per byte. */
        private int utf8Length() {
            int b = readByte();
            int result = b & 0x3F;
            if ((b & 0x40) != 0) {
                int shift = 6;
                do {
                    b = readByte();
                    result |= (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0 && shift <= 27);
            }
            return result;
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
