package dev.sluice.executor.cluster;

import dev.sluice.executor.protocol.ClusterMessages.CachedBlockLocation;
import dev.sluice.executor.protocol.ClusterMessages.FetchCachedBlock;
import dev.sluice.executor.protocol.ClusterMessages.GetCachedBlock;
import dev.sluice.executor.storage.BlockId;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An executor's way to read a cached partition it does not hold: it asks the driver which executor reported it,
 * then streams its records from that executor's block service. Any failure (the holder evicted the block or is
 * gone) makes the task compute the partition instead, so this never fails a task.
 */
final class RemoteCachedBlocks implements BlockManager.RemoteBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCachedBlocks.class);
    private static final long ASK_TIMEOUT_SECONDS = 30;

    private final String selfId;
    private final MessageClient driver;
    private final TransportClientFactory clients;
    private final ControlSerializer serializer;

    RemoteCachedBlocks(String selfId, MessageClient driver, TransportClientFactory clients, ControlSerializer serializer) {
        this.selfId = selfId;
        this.driver = driver;
        this.clients = clients;
        this.serializer = serializer;
    }

    @Override
    public byte[] fetch(BlockId id) {
        try {
            CachedBlockLocation location = driver.ask(new GetCachedBlock(id.nodeId(), id.partition(), selfId),
                    CachedBlockLocation.class).get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (location.host().isEmpty()) {
                return null;
            }
            InetSocketAddress holder = new InetSocketAddress(location.host(), location.port());
            try (InputStream in = clients.client(holder).openStream(
                    serializer.serialize(new FetchCachedBlock(id.nodeId(), id.partition())))) {
                return in.readAllBytes();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            LOG.info("Computing {} instead of reading it from another executor: {}", id, e.toString());
            return null;
        }
    }
}
