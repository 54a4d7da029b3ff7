package dev.sluice.shuffle.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;

/**
 * The in-memory serialized bytes of every reduce partition, exposed as one output stream: bytes written
 * go to the partition last {@linkplain #select(int) selected}. A serializer output on top of it is
 * flushed after each record, so each record's bytes land in its partition.
 */
final class PartitionBuffers extends OutputStream {

    private final PagedBytes[] partitions;
    private PagedBytes selected;
    private long allocatedBytes;

    PartitionBuffers(int numPartitions) {
        partitions = new PagedBytes[numPartitions];
        for (int i = 0; i < numPartitions; i++) {
            partitions[i] = new PagedBytes();
        }
        selected = partitions[0];
    }

    /** Directs the following writes to {@code partition}. */
    void select(int partition) {
        selected = partitions[partition];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        allocatedBytes += selected.append(bytes, offset, length);
    }

    /** Returns the heap taken by all partitions' pages. */
    long allocatedBytes() {
        return allocatedBytes;
    }

    /** Returns the number of bytes held for {@code partition}. */
    long size(int partition) {
        return partitions[partition].size();
    }

    /** Writes the bytes of {@code partition} to {@code channel}. */
    void writePartitionTo(int partition, WritableByteChannel channel) throws IOException {
        partitions[partition].writeTo(channel);
    }

    /** Drops every partition's bytes. */
    void clear() {
        for (PagedBytes partition : partitions) {
            partition.clear();
        }
        allocatedBytes = 0;
    }
}
