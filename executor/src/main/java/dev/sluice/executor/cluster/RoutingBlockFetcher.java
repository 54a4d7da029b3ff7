package dev.sluice.executor.cluster;

import dev.sluice.common.Iterators;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the blocks an executor wrote itself from its files and fetches the others from their executors'
 * block services; the remote requests go out first, so they travel while the local blocks are read.
 */
final class RoutingBlockFetcher implements ShuffleBlockFetcher {
    private final ShuffleBlockFetcher local;
    private final ShuffleBlockFetcher remote;
    private final Predicate<ShuffleBlockId> isLocal;

    RoutingBlockFetcher(ShuffleBlockFetcher local, ShuffleBlockFetcher remote, Predicate<ShuffleBlockId> isLocal) {
        this.local = local;
        this.remote = remote;
        this.isLocal = isLocal;
    }

    @Override
    public Iterator<FetchedBlock> fetch(List<ShuffleBlockId> blocks) {
        List<ShuffleBlockId> mine = new ArrayList<>();
        List<ShuffleBlockId> theirs = new ArrayList<>();
        for (ShuffleBlockId block : blocks) {
            (isLocal.test(block) ? mine : theirs).add(block);
        }
        Iterator<FetchedBlock> fetched = theirs.isEmpty() ? null : remote.fetch(theirs);
        Iterator<FetchedBlock> read = mine.isEmpty() ? null : local.fetch(mine);
        if (fetched == null) {
            return read != null ? read : java.util.Collections.emptyIterator();
        }
        return read == null ? fetched : Iterators.concatClosing(read, fetched);
    }
}
