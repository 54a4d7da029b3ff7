package dev.sluice.shuffle.net;

import dev.sluice.network.StreamSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the requested segments of one map output in the {@link BlockProtocol} format, one piece at a time as
 * the transport asks. On a connection without TLS the segments' bytes go out as file regions (zero-copy
 * {@code sendfile}) and only headers and trailers through pooled buffers; the trailer carries the CRC32C recorded at
 * commit, which the reader verifies. Over TLS, or for an output committed without checksums, the bytes are copied
 * into buffers and their checksum is computed as they pass and compared with the recorded one.
 */
final class BlockStreamSource implements StreamSource {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStreamSource.class);

    private enum Phase { HEADER, DATA, TRAILER }

    private final MapOutputSegments segments;
    private final int[] reduceIds;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final long length;
    private long remaining;
    private int next;
    private Phase phase = Phase.HEADER;
    private long position;
    private long dataLeft;
    /** Whether the transport takes file regions: segments with a recorded checksum are then sent without copying. */
    private boolean regions;
    private final boolean zeroCopy;

    /** A source for {@code reduceIds}, all checked to lie within {@code segments}. */
    BlockStreamSource(MapOutputSegments segments, int[] reduceIds, boolean zeroCopy) throws IOException {
        this.zeroCopy = zeroCopy;
        this.segments = segments;
        this.reduceIds = reduceIds;
        long total = 0;
        for (int reduceId : reduceIds) {
            total += BlockProtocol.HEADER_BYTES + segments.length(reduceId) + BlockProtocol.TRAILER_BYTES;
        }
        this.length = total;
        this.remaining = total;
        this.channel = FileChannel.open(segments.dataFile(), StandardOpenOption.READ);
    }

    /**
     * The next part of a segment as a file region, when the segment's checksum was recorded at commit (the
     * trailer then needs no pass over the bytes); null while a header or trailer is due.
     */
    @Override
    public FileRegion readRegion(int maxBytes) {
        regions = zeroCopy;
        if (remaining == 0 || phase != Phase.DATA || dataLeft == 0 || !sentWithoutCopy()) {
            return null;
        }
        long bytes = Math.min(maxBytes, dataLeft);
        FileRegion region = new DefaultFileRegion(segments.dataFile().toFile(), position, bytes);
        position += bytes;
        dataLeft -= bytes;
        remaining -= bytes;
        if (dataLeft == 0) {
            phase = Phase.TRAILER;
        }
        return region;
    }

    /** Whether the current segment's data goes out as file regions. */
    private boolean sentWithoutCopy() {
        return regions && segments.checksum(reduceIds[next]).isPresent();
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator, int maxBytes) throws IOException {
        if (remaining == 0) {
            return null;
        }
        ByteBuf chunk = allocator.directBuffer((int) Math.min(maxBytes, remaining));
        try {
            fill(chunk);
            remaining -= chunk.readableBytes();
            return chunk;
        } catch (IOException | RuntimeException e) {
            chunk.release();
            throw e;
        }
    }

    private void fill(ByteBuf chunk) throws IOException {
        while (next < reduceIds.length && chunk.isWritable()) {
            switch (phase) {
                case HEADER -> {
                    if (chunk.writableBytes() < BlockProtocol.HEADER_BYTES) {
                        return;
                    }
                    int reduceId = reduceIds[next];
                    chunk.writeInt(reduceId).writeLong(segments.length(reduceId));
                    crc.reset();
                    position = segments.offset(reduceId);
                    dataLeft = segments.length(reduceId);
                    phase = Phase.DATA;
                }
                case DATA -> {
                    if (dataLeft > 0 && sentWithoutCopy()) {
                        return; // readRegion sends it
                    }
                    if (dataLeft > 0) {
                        copyData(chunk, (int) Math.min(chunk.writableBytes(), dataLeft));
                    }
                    if (dataLeft == 0) {
                        phase = Phase.TRAILER;
                    }
                }
                case TRAILER -> {
                    if (chunk.writableBytes() < BlockProtocol.TRAILER_BYTES) {
                        return;
                    }
                    chunk.writeInt(sentWithoutCopy() ? segments.checksum(reduceIds[next]).orElseThrow()
                            : trailerChecksum(reduceIds[next], (int) crc.getValue()));
                    next++;
                    phase = Phase.HEADER;
                }
            }
        }
    }

    /**
     * The checksum the reader verifies: the one recorded at commit, so that a segment damaged on disk
     * fails the reader's check as one damaged on the wire does; the one computed now for outputs
     * committed without checksums.
     */
    private int trailerChecksum(int reduceId, int computed) {
        Optional<Integer> recorded = segments.checksum(reduceId);
        if (recorded.isPresent() && recorded.get() != computed) {
            LOG.warn("Segment {} of {} does not match the CRC32C recorded when it was written (recorded {}, read {}): "
                    + "the file is damaged", reduceId, segments.dataFile(), Integer.toHexString(recorded.get()),
                    Integer.toHexString(computed));
        }
        return recorded.orElse(computed);
    }

    private void copyData(ByteBuf chunk, int bytes) throws IOException {
        int start = chunk.writerIndex();
        int copied = 0;
        while (copied < bytes) {
            int read = chunk.writeBytes(channel, position, bytes - copied);
            if (read < 0) {
                throw new IOException(segments.dataFile() + " ended at byte " + position + " while streaming reduce "
                        + "partition " + reduceIds[next]);
            }
            position += read;
            copied += read;
        }
        crc.update(chunk.nioBuffer(start, bytes));
        dataLeft -= bytes;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // opened for reading only: nothing is lost if closing fails
        }
    }
}
