package dev.sluice.executor.cluster;

import dev.sluice.executor.protocol.ClusterMessages.GetMapOutputs;
import dev.sluice.executor.protocol.ClusterMessages.MapOutputs;
import dev.sluice.network.message.MessageClient;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.net.BlockLocator;
import dev.sluice.shuffle.tracker.MapOutputLookup;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An executor's copy of where map outputs are, fetched from the driver once per shuffle and dropped when a
 * task arrives with a newer map output epoch (outputs were lost and written again since).
 */
final class RemoteMapOutputs implements MapOutputLookup, BlockLocator {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    private final MessageClient driver;
    private final String selfId;
    private final Map<Integer, MapOutputs> cache = new ConcurrentHashMap<>();
    private long epoch;

    RemoteMapOutputs(MessageClient driver, String selfId) {
        this.driver = driver;
        this.selfId = selfId;
    }

    /** Forgets every copy older than {@code taskEpoch}. */
    synchronized void observeEpoch(long taskEpoch) {
        if (taskEpoch > epoch) {
            epoch = taskEpoch;
            cache.clear();
        }
    }

    private MapOutputs outputs(int shuffleId) {
        MapOutputs known = cache.get(shuffleId);
        if (known != null) {
            return known;
        }
        MapOutputs fetched;
        try {
            fetched = driver.ask(new GetMapOutputs(shuffleId), MapOutputs.class)
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the driver where shuffle " + shuffleId + " is", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot ask the driver where shuffle " + shuffleId + " is: " + e, e);
        }
        if (complete(fetched)) {
            cache.put(shuffleId, fetched);
        }
        return fetched;
    }

    private static boolean complete(MapOutputs outputs) {
        for (int holder : outputs.holders()) {
            if (holder < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws FetchFailedException if the driver no longer has one of the outputs (it was lost)
     */
    @Override
    public List<ShuffleBlockId> blocksFor(int shuffleId, int reduceId) {
        MapOutputs outputs = outputs(shuffleId);
        int maps = outputs.holders().length;
        List<ShuffleBlockId> blocks = new ArrayList<>(maps);
        for (int mapId = 0; mapId < maps; mapId++) {
            if (outputs.holders()[mapId] < 0) {
                throw new FetchFailedException(new ShuffleBlockId(shuffleId, mapId, reduceId),
                        "the driver lost this map output", null);
            }
            if (outputs.lengths()[mapId * outputs.numReduces() + reduceId] > 0) {
                blocks.add(new ShuffleBlockId(shuffleId, mapId, reduceId));
            }
        }
        return blocks;
    }

    @Override
    public long bytesFor(int shuffleId, int reduceId) {
        MapOutputs outputs = outputs(shuffleId);
        long total = 0;
        for (int mapId = 0; mapId < outputs.holders().length; mapId++) {
            if (outputs.holders()[mapId] < 0) {
                return -1;
            }
            total += outputs.lengths()[mapId * outputs.numReduces() + reduceId];
        }
        return total;
    }

    @Override
    public InetSocketAddress locate(ShuffleBlockId block) {
        MapOutputs outputs = outputs(block.shuffleId());
        int holder = outputs.holders()[block.mapId()];
        return new InetSocketAddress(outputs.hosts()[holder], outputs.ports()[holder]);
    }

    /** Whether this executor wrote the block's map output, so it reads the file instead of the network. */
    boolean isLocal(ShuffleBlockId block) {
        MapOutputs outputs = outputs(block.shuffleId());
        int holder = outputs.holders()[block.mapId()];
        return holder >= 0 && selfId.equals(outputs.executorIds()[holder]);
    }
}
