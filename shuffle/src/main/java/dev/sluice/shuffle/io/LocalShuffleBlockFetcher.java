package dev.sluice.shuffle.io;

import dev.sluice.shuffle.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Fetches shuffle blocks from the files in a {@link LocalDirectory} on this node. Lazy: each block's index
 * entry is read and its data file opened only when the iterator reaches it, and empty blocks are skipped
 * without opening the data file. Blocks come back in request order.
 */
public final class LocalShuffleBlockFetcher implements ShuffleBlockFetcher {

    private final LocalDirectory dirs;

    /** Creates a fetcher reading the shuffle files in {@code dirs}. */
    public LocalShuffleBlockFetcher(LocalDirectory dirs) {
        this.dirs = Objects.requireNonNull(dirs, "dirs");
    }

    @Override
    public Iterator<FetchedBlock> fetch(List<ShuffleBlockId> blocks) {
        List<ShuffleBlockId> requested = List.copyOf(blocks);
        return new Iterator<>() {
            private int nextIndex;
            private FetchedBlock next;

            @Override
            public boolean hasNext() {
                while (next == null && nextIndex < requested.size()) {
                    next = openUnlessEmpty(requested.get(nextIndex++));
                }
                return next != null;
            }

            @Override
            public FetchedBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FetchedBlock block = next;
                next = null;
                return block;
            }
        };
    }

    /** Returns the block with its data file open, or null if it is empty. */
    private FetchedBlock openUnlessEmpty(ShuffleBlockId id) {
        Path index = dirs.shuffleIndexFile(id.shuffleId(), id.mapId());
        FileSegment segment;
        try {
            segment = ShuffleIndex.readSegment(index, id.reduceId());
        } catch (IOException e) {
            throw fetchFailure(id, "cannot read index file " + index, e);
        }
        if (segment.length() == 0) {
            return null;
        }
        Path data = dirs.shuffleDataFile(id.shuffleId(), id.mapId());
        FileChannel channel = null;
        try {
            channel = FileChannel.open(data, StandardOpenOption.READ);
            long size = channel.size();
            if (size < segment.end()) {
                throw new IOException("Data file has " + size + " bytes but partition " + id.reduceId()
                        + " ends at offset " + segment.end());
            }
            return new LocalBlock(id, channel, segment);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw fetchFailure(id, "cannot read data file " + data, e);
        }
    }

    /** A fetch failure, unless the read only failed because the task was cancelled. */
    private static RuntimeException fetchFailure(ShuffleBlockId id, String message, IOException e) {
        return Cancellation.isInterruption(e) ? Cancellation.cancelled(e) : new FetchFailedException(id, message, e);
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** A block whose data file is open; closing it closes the file. */
    private record LocalBlock(ShuffleBlockId id, FileChannel channel, FileSegment segment) implements FetchedBlock {

        @Override
        public long size() {
            return segment.length();
        }

        @Override
        public InputStream open() {
            return new FileSegmentInputStream(channel, segment);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
