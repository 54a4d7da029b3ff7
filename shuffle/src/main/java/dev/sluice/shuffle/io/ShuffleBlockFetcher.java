package dev.sluice.shuffle.io;

import java.util.Iterator;
import java.util.List;

/**
 * Fetches shuffle blocks for a reduce task, locally or from other executors. The local implementation
 * is {@link LocalShuffleBlockFetcher}; a network block service implements the same seam.
 */
public interface ShuffleBlockFetcher {

    /**
     * Returns the requested blocks as they become available, in any order. Blocks known to be empty may
     * be left out. A block that cannot be read makes the iterator throw {@link FetchFailedException}.
     * The caller closes every block it receives. If the returned iterator also implements
     * {@link AutoCloseable}, callers that stop early close it, so blocks fetched ahead can be released.
     */
    Iterator<FetchedBlock> fetch(List<ShuffleBlockId> blocks);
}
