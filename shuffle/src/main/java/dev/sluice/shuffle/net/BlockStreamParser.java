package dev.sluice.shuffle.net;

import dev.sluice.network.StreamListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.zip.CRC32C;

/**
 * Cuts a {@link BlockProtocol} stream back into blocks, whatever the chunk boundaries, checking that blocks come
 * in request order and computing each block's CRC32C as its bytes arrive. Called on one I/O thread at a time.
 */
final class BlockStreamParser implements StreamListener {

    /** Where parsed blocks go. */
    interface Sink {

        /** A block of {@code bytes} bytes is about to be received (its header arrived). */
        void reserve(long bytes);

        /** A whole block arrived, with the checksum the server sent and the one computed here. */
        void onBlock(int reduceId, byte[] bytes, int expectedCrc, int actualCrc);
    }

    private static final int MAX_BLOCK_BYTES = Integer.MAX_VALUE - 16;

    private final int[] expectedReduceIds;
    private final Sink sink;
    private final ByteBuf header;
    private final CRC32C crc = new CRC32C();
    private int nextBlock;
    private int reduceId;
    private byte[] block;
    private int filled;
    private boolean inData;

    BlockStreamParser(int[] expectedReduceIds, Sink sink) {
        this.expectedReduceIds = expectedReduceIds;
        this.sink = sink;
        this.header = Unpooled.buffer(BlockProtocol.HEADER_BYTES);
    }

    @Override
    public CompletionStage<?> onChunk(ByteBuf chunk) throws IOException {
        while (chunk.isReadable()) {
            if (!inData) {
                if (readInto(chunk, BlockProtocol.HEADER_BYTES)) {
                    startBlock(header.readInt(), header.readLong());
                    header.clear();
                }
            } else if (filled < block.length) {
                int bytes = Math.min(chunk.readableBytes(), block.length - filled);
                chunk.readBytes(block, filled, bytes);
                crc.update(block, filled, bytes);
                filled += bytes;
            } else if (readInto(chunk, BlockProtocol.TRAILER_BYTES)) {
                int expected = header.readInt();
                header.clear();
                byte[] done = block;
                block = null;
                inData = false;
                sink.onBlock(reduceId, done, expected, (int) crc.getValue());
            }
        }
        return null;
    }

    /** Bytes announced for the block being received but not handed to the sink yet. */
    long partialBytes() {
        return block == null ? 0 : block.length;
    }

    /** Accumulates up to {@code size} bytes in {@link #header}; true once it holds them all. */
    private boolean readInto(ByteBuf chunk, int size) {
        chunk.readBytes(header, Math.min(chunk.readableBytes(), size - header.readableBytes()));
        return header.readableBytes() == size;
    }

    private void startBlock(int id, long length) throws IOException {
        if (nextBlock >= expectedReduceIds.length || expectedReduceIds[nextBlock] != id) {
            throw new IOException("Unexpected block for reduce partition " + id + " at position " + nextBlock
                    + " of the stream");
        }
        if (length < 0 || length > MAX_BLOCK_BYTES) {
            throw new IOException("Block for reduce partition " + id + " claims " + length + " bytes; at most "
                    + MAX_BLOCK_BYTES + " can be fetched into memory");
        }
        nextBlock++;
        reduceId = id;
        sink.reserve(length);
        block = new byte[(int) length];
        filled = 0;
        crc.reset();
        inData = true;
    }
}
