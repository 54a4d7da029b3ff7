package dev.sluice.executor.shuffle;

import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which map outputs of each shuffle exist and how big each reduce partition's segment is. The
 * scheduler registers outputs as map tasks finish; reducers ask which blocks to fetch. Shuffles
 * stay registered until removed, so later jobs reuse them instead of recomputing.
 */
public final class MapOutputTracker {
    private final Map<Integer, MapStatus[]> outputs = new ConcurrentHashMap<>();

    /** Makes room for {@code numMaps} outputs of a shuffle (no-op if known). */
    public void registerShuffle(int shuffleId, int numMaps) {
        outputs.computeIfAbsent(shuffleId, id -> new MapStatus[numMaps]);
    }

    public void registerMapOutput(MapStatus status) {
        MapStatus[] statuses = outputs.get(status.shuffleId());
        if (statuses == null) {
            throw new IllegalStateException("Shuffle " + status.shuffleId() + " is not registered");
        }
        synchronized (statuses) {
            statuses[status.mapId()] = status;
        }
    }

    /** Whether every map output of the shuffle is present. */
    public boolean isAvailable(int shuffleId) {
        MapStatus[] statuses = outputs.get(shuffleId);
        if (statuses == null) {
            return false;
        }
        synchronized (statuses) {
            for (MapStatus s : statuses) {
                if (s == null) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The map partitions whose output is missing. */
    public List<Integer> missingMaps(int shuffleId) {
        MapStatus[] statuses = outputs.get(shuffleId);
        List<Integer> missing = new ArrayList<>();
        if (statuses != null) {
            synchronized (statuses) {
                for (int i = 0; i < statuses.length; i++) {
                    if (statuses[i] == null) {
                        missing.add(i);
                    }
                }
            }
        }
        return missing;
    }

    /** The non-empty blocks reduce partition {@code reduceId} must read, in map order. */
    public List<ShuffleBlockId> blocksFor(int shuffleId, int reduceId) {
        MapStatus[] statuses = outputs.get(shuffleId);
        if (statuses == null) {
            throw new IllegalStateException("Shuffle " + shuffleId + " has no registered outputs (was it removed?)");
        }
        List<ShuffleBlockId> blocks = new ArrayList<>(statuses.length);
        synchronized (statuses) {
            for (MapStatus s : statuses) {
                if (s == null) {
                    throw new IllegalStateException("Shuffle " + shuffleId + " is missing map outputs");
                }
                if (s.partitionLength(reduceId) > 0) {
                    blocks.add(new ShuffleBlockId(shuffleId, s.mapId(), reduceId));
                }
            }
        }
        return blocks;
    }

    /** The bytes reduce partition {@code reduceId} reads from all map outputs, or -1 if some are missing. */
    public long bytesFor(int shuffleId, int reduceId) {
        MapStatus[] statuses = outputs.get(shuffleId);
        if (statuses == null) {
            return -1;
        }
        long bytes = 0;
        synchronized (statuses) {
            for (MapStatus s : statuses) {
                if (s == null) {
                    return -1;
                }
                bytes += s.partitionLength(reduceId);
            }
        }
        return bytes;
    }

    /** Forgets a shuffle. */
    public void removeShuffle(int shuffleId) {
        outputs.remove(shuffleId);
    }
}
