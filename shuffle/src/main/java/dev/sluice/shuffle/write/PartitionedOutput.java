package dev.sluice.shuffle.write;

import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.Serializer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serialized output of one map task while it is being produced: records are serialized straight
 * into per-partition buffers, which are {@linkplain #spill() spilled} to a file on demand. At the end,
 * {@link #writeDataFile(Path)} lays out each partition's spilled segments followed by its buffered
 * bytes. Because serializer streams are concatenable, a partition made of several pieces reads back as
 * one stream. Closing deletes the spill files.
 */
final class PartitionedOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedOutput.class);

    private final int numPartitions;
    private final LocalDirectory dirs;
    private final ShuffleMetricsListener metrics;
    private final PartitionBuffers buffers;
    private final RecordOutput serialized;
    private final List<PartitionedSpill> spills = new ArrayList<>();
    private final List<Path> filesToDelete = new ArrayList<>();
    private long records;

    PartitionedOutput(int numPartitions, Serializer serializer, LocalDirectory dirs, ShuffleMetricsListener metrics) {
        this.numPartitions = numPartitions;
        this.dirs = dirs;
        this.metrics = metrics;
        this.buffers = new PartitionBuffers(numPartitions);
        this.serialized = serializer.newOutput(buffers);
    }

    /** Serializes a key/value pair into {@code partition}'s buffer. */
    void append(int partition, Object key, Object value) {
        buffers.select(partition);
        serialized.write(key);
        serialized.write(value);
        serialized.flush();
        records++;
    }

    /** Returns the heap taken by buffered bytes. */
    long bufferedBytes() {
        return buffers.allocatedBytes();
    }

    /** Returns the number of pairs appended. */
    long recordsWritten() {
        return records;
    }

    /** Moves all buffered bytes to a new spill file. */
    void spill() {
        Path file = dirs.newSpillFile("shuffle-write");
        filesToDelete.add(file);
        long[] lengths = new long[numPartitions];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int partition = 0; partition < numPartitions; partition++) {
                lengths[partition] = buffers.size(partition);
                buffers.writePartitionTo(partition, channel);
            }
        } catch (IOException e) {
            dirs.deleteFile(file);
            throw dirs.writeFailure(file, "spilling shuffle output", e, "Cannot write spill file " + file);
        }
        PartitionedSpill spill = new PartitionedSpill(file, lengths);
        spills.add(spill);
        buffers.clear();
        metrics.spilled(spill.totalBytes());
        LOG.debug("Spilled {} bytes of map output to {}", spill.totalBytes(), file);
    }

    /**
     * Writes the final data file, partition by partition: the partition's segment of every spill, by
     * file-to-file transfer, then its buffered bytes.
     *
     * @return the length of each partition's segment
     */
    long[] writeDataFile(Path file) {
        long[] lengths = new long[numPartitions];
        List<FileChannel> spillChannels = new ArrayList<>();
        try (FileChannel data = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (PartitionedSpill spill : spills) {
                spillChannels.add(FileChannel.open(spill.file(), StandardOpenOption.READ));
            }
            long[] spillPositions = new long[spills.size()];
            for (int partition = 0; partition < numPartitions; partition++) {
                long start = data.position();
                for (int s = 0; s < spills.size(); s++) {
                    long length = spills.get(s).partitionLengths()[partition];
                    ChannelIo.transferFully(spillChannels.get(s), spillPositions[s], length, data);
                    spillPositions[s] += length;
                }
                buffers.writePartitionTo(partition, data);
                lengths[partition] = data.position() - start;
            }
        } catch (IOException e) {
            dirs.deleteFile(file);
            throw dirs.writeFailure(file, "writing shuffle output", e, "Cannot write shuffle data file " + file);
        } catch (RuntimeException | Error e) {
            dirs.deleteFile(file);
            throw e;
        } finally {
            spillChannels.forEach(PartitionedOutput::closeQuietly);
        }
        return lengths;
    }

    /** Deletes the spill files and drops the buffers. */
    @Override
    public void close() {
        serialized.close();
        buffers.clear();
        filesToDelete.forEach(dirs::deleteFile);
        filesToDelete.clear();
        spills.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close spill file channel", e);
        }
    }
}
