package dev.sluice.shuffle.net;

import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Fetches shuffle blocks from {@link ShuffleBlockServer}s. The blocks of one map output are asked for in one
 * {@link FetchBlocks} request; requests go out while fewer than {@link FetchLimits#maxRequestsInFlight()} are
 * unanswered and the blocks held in memory (received and not yet closed by the reader) stay below
 * {@link FetchLimits#maxBytesInFlight()}. Each block's CRC32C is checked: a mismatching block is fetched once
 * more, and a second mismatch fails the fetch. Connection failures are retried with exponential backoff; a block
 * that still cannot be fetched, or that its server cannot serve, makes the iterator throw
 * {@link dev.sluice.shuffle.io.FetchFailedException} naming the block, the server's address and the cause.
 *
 * <p>Blocks come back in arrival order, empty ones left out, each held in memory until the reader closes it. The
 * returned iterator is {@link AutoCloseable}: closing it abandons the requests in flight and frees the blocks not
 * handed out. Connections come from the given factory, which pools one per server; the caller closes the factory.
 */
public final class NettyShuffleBlockFetcher implements ShuffleBlockFetcher {

    private final TransportClientFactory clients;
    private final BlockLocator locator;
    private final FetchLimits limits;
    private final ControlSerializer serializer = BlockProtocol.newSerializer();

    /** A fetcher connecting through {@code clients} to the servers {@code locator} names. */
    public NettyShuffleBlockFetcher(TransportClientFactory clients, BlockLocator locator, FetchLimits limits) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Iterator<FetchedBlock> fetch(List<ShuffleBlockId> blocks) {
        List<FetchRequest> requests = FetchRequest.plan(new LinkedHashSet<>(blocks), locator);
        FetchSession session = new FetchSession(clients, serializer, limits, requests);
        session.start();
        return session;
    }
}
