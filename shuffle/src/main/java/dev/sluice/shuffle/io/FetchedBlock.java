package dev.sluice.shuffle.io;

import java.io.Closeable;
import java.io.InputStream;

/**
 * One shuffle block made available by a {@link ShuffleBlockFetcher}: its bytes can be streamed until the
 * block is closed, which releases the file handle or network buffer behind it.
 */
public interface FetchedBlock extends Closeable {

    /** Returns which block this is. */
    ShuffleBlockId id();

    /** Returns the block's size in bytes. */
    long size();

    /**
     * Returns a stream over the block's bytes, from the start. Reading may throw
     * {@link java.io.IOException} if the storage fails; closing the stream does not close the block.
     */
    InputStream open();

    /** Releases the block. Further {@link #open()} calls or reads of open streams may fail. */
    @Override
    void close();
}
