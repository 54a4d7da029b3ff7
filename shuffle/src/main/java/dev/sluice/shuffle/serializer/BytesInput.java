package dev.sluice.shuffle.serializer;

/**
 * Reads objects that a {@link RecordOutput} wrote, from a region of a byte array in memory, and can be pointed at
 * another region at any time: for records kept serialized in memory and read back one at a time, without a stream
 * per record. Created by {@link Serializer#newBytesInput()}; belongs to one thread at a time.
 */
public interface BytesInput {

    /** Points the input at {@code bytes[offset, offset + length)}; the next {@link #read()} starts at {@code offset}. */
    void reset(byte[] bytes, int offset, int length);

    /**
     * Reads the next object, which may be {@code null}.
     *
     * @throws SerializationException if the bytes cannot be decoded, or end in the middle of an object
     */
    Object read();
}
