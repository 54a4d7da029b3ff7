package dev.sluice.shuffle.read;

import dev.sluice.common.CloseableIterator;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.Serializer;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** Reads the records of a reduce partition from its shuffle blocks. */
public final class ShuffleReader {

    private ShuffleReader() {}

    /**
     * Returns the key/value records of all {@code blocks}, rebuilt with {@code shape}, block after block.
     * Blocks are opened one at a time and closed as soon as they are consumed; bytes and records read are
     * reported to {@code metrics} when each block ends. Closing the iterator early closes the open block.
     *
     * @throws dev.sluice.shuffle.io.FetchFailedException (from the iterator) if a block cannot be read
     */
    public static <R, K, V> CloseableIterator<R> read(
            ShuffleBlockFetcher fetcher,
            List<ShuffleBlockId> blocks,
            Serializer serializer,
            RecordShape<R, K, V> shape,
            ShuffleMetricsListener metrics) {
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(metrics, "metrics");
        Iterator<FetchedBlock> fetched = fetcher.fetch(blocks);
        return new BlockRecordIterator<>(fetched, serializer, shape, metrics);
    }
}
