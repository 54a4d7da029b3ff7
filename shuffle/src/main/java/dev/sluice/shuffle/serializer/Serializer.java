package dev.sluice.shuffle.serializer;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns records into bytes and back. This is the seam between the engine and the serialization library:
 * nothing outside this package names the library's types.
 *
 * <p>Every object written by a {@link RecordOutput} is encoded on its own, without state carried over
 * from earlier objects. Streams are therefore <em>concatenable</em>: the bytes of several outputs joined
 * end to end read back, through one {@link RecordInput}, as the objects of each in order. Shuffle files
 * rely on this when they join spilled and in-memory segments of a partition by raw byte copy.
 *
 * <p>Implementations are thread-safe; the streams they create are not, and belong to one thread at a
 * time.
 */
public interface Serializer {

    /** Returns an output that writes serialized objects to {@code out}. Closing it closes {@code out}. */
    RecordOutput newOutput(OutputStream out);

    /** Returns an input that reads serialized objects from {@code in}. Closing it closes {@code in}. */
    RecordInput newInput(InputStream in);

    /** Returns an input that reads serialized objects from regions of byte arrays in memory. */
    BytesInput newBytesInput();

    /**
     * Serializes one object (null allowed) into a new byte array.
     *
     * @throws SerializationException if the object cannot be serialized
     */
    byte[] serialize(Object object);

    /**
     * Reads back an object written by {@link #serialize(Object)}.
     *
     * @throws SerializationException if the bytes cannot be decoded
     */
    Object deserialize(byte[] bytes);
}
