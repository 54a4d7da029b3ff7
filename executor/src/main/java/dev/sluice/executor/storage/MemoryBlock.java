package dev.sluice.executor.storage;

import dev.sluice.common.CloseableIterator;
import dev.sluice.shuffle.serializer.RecordInput;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.storage.StorageLevel;

import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A block held in memory, as objects or as serialized bytes. */
sealed interface MemoryBlock {
    long sizeBytes();

    StorageLevel level();

    Iterator<Object> iterator(Serializer serializer);

    /** The records of a serialized stream; closes the stream when exhausted or closed early. */
    static CloseableIterator<Object> recordsOf(RecordInput input) {
        return new CloseableIterator<>() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                if (closed) {
                    return false;
                }
                if (input.atEnd()) {
                    close();
                    return false;
                }
                return true;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return input.read();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    input.close();
                }
            }
        };
    }

    /** Deserialized records. */
    record Objects(List<Object> values, long sizeBytes, StorageLevel level) implements MemoryBlock {
        @Override
        public Iterator<Object> iterator(Serializer serializer) {
            return values.iterator();
        }
    }

    /** Serialized records. */
    record Bytes(byte[] bytes, StorageLevel level) implements MemoryBlock {
        /** Heap beyond the bytes themselves: the array header and the record. */
        static final long OVERHEAD = 16;

        @Override
        public long sizeBytes() {
            return bytes.length + OVERHEAD;
        }

        @Override
        public Iterator<Object> iterator(Serializer serializer) {
            return read(bytes, serializer);
        }

        static Iterator<Object> read(byte[] bytes, Serializer serializer) {
            return recordsOf(serializer.newInput(new ByteArrayInputStream(bytes)));
        }
    }
}
