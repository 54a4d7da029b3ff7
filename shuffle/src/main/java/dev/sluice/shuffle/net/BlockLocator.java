package dev.sluice.shuffle.net;

import dev.sluice.shuffle.io.ShuffleBlockId;
import java.net.InetSocketAddress;

/** Tells a {@link NettyShuffleBlockFetcher} which block server holds a block's map output. */
@FunctionalInterface
public interface BlockLocator {

    /** The address of the block server holding the map output {@code block} belongs to. */
    InetSocketAddress locate(ShuffleBlockId block);
}
