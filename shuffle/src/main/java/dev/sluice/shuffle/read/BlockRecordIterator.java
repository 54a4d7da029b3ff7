package dev.sluice.shuffle.read;

import dev.sluice.common.CloseableIterator;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.RecordInput;
import dev.sluice.shuffle.serializer.Serializer;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates over the key/value records of a sequence of fetched blocks, holding at most one block open.
 * An I/O failure while reading a block becomes a {@link FetchFailedException} for that block; any
 * failure closes the iterator.
 */
final class BlockRecordIterator<R, K, V> implements CloseableIterator<R> {

    private final Iterator<FetchedBlock> blocks;
    private final Serializer serializer;
    private final RecordShape<R, K, V> shape;
    private final ShuffleMetricsListener metrics;

    private FetchedBlock block;
    private ShuffleBlockId blockId;
    private RecordInput input;
    private long blockRecords;
    private boolean closed;

    BlockRecordIterator(
            Iterator<FetchedBlock> blocks,
            Serializer serializer,
            RecordShape<R, K, V> shape,
            ShuffleMetricsListener metrics) {
        this.blocks = blocks;
        this.serializer = serializer;
        this.shape = shape;
        this.metrics = metrics;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        try {
            while (input == null || input.atEnd()) {
                if (input != null) {
                    finishBlock();
                }
                if (!blocks.hasNext()) {
                    close();
                    return false;
                }
                startBlock(blocks.next());
            }
            return true;
        } catch (RuntimeException e) {
            throw closeAfter(e);
        }
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            @SuppressWarnings("unchecked")
            K key = (K) input.read();
            @SuppressWarnings("unchecked")
            V value = (V) input.read();
            blockRecords++;
            return shape.of(key, value);
        } catch (RuntimeException e) {
            throw closeAfter(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeBlock();
        if (blocks instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the block fetch", e);
            }
        }
    }

    private void startBlock(FetchedBlock next) {
        block = next;
        blockId = next.id();
        blockRecords = 0;
        input = serializer.newInput(next.open());
    }

    private void finishBlock() {
        long bytes = block.size();
        closeBlock();
        metrics.shuffleRead(bytes, blockRecords);
    }

    private void closeBlock() {
        RecordInput openInput = input;
        FetchedBlock openBlock = block;
        input = null;
        block = null;
        try {
            if (openInput != null) {
                openInput.close();
            }
        } finally {
            if (openBlock != null) {
                openBlock.close();
            }
        }
        blockId = null; // kept when closing fails, so the failure names the block
    }

    /**
     * Closes this iterator after {@code failure} and returns the exception to throw: an I/O failure while
     * a block was being read becomes a fetch failure of that block.
     */
    private RuntimeException closeAfter(RuntimeException failure) {
        RuntimeException result = failure;
        if (failure instanceof UncheckedIOException io && blockId != null) {
            result = new FetchFailedException(blockId, "error while reading: " + io.getMessage(), io);
        }
        try {
            close();
        } catch (RuntimeException e) {
            result.addSuppressed(e);
        }
        return result;
    }
}
