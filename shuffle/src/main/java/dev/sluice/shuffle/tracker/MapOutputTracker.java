package dev.sluice.shuffle.tracker;

import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which map outputs of each shuffle exist, which executor holds each, and how big each reduce
 * partition's segment is. The scheduler registers outputs as map tasks finish and forgets them when
 * their executor is lost or a reducer cannot fetch them; reducers ask which blocks to fetch. Shuffles
 * stay registered until removed, so later jobs reuse them instead of recomputing.
 *
 * <p>The {@linkplain #epoch() epoch} grows whenever an output is forgotten, so executors that keep
 * copies of this table know when theirs may be stale.
 */
public final class MapOutputTracker implements MapOutputLookup {
    /** The executor id of local mode, where the driver runs every task itself. */
    public static final String DRIVER = "driver";

    private final Map<Integer, Outputs> outputs = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    /** The outputs of one shuffle; guarded by the instance's own lock. */
    private static final class Outputs {
        final MapStatus[] statuses;
        final String[] executors;
        /** The {@link #epoch()} at which each output was registered. */
        final long[] registeredAt;

        Outputs(int numMaps) {
            statuses = new MapStatus[numMaps];
            executors = new String[numMaps];
            registeredAt = new long[numMaps];
        }
    }

    /** Makes room for {@code numMaps} outputs of a shuffle (no-op if known). */
    public void registerShuffle(int shuffleId, int numMaps) {
        outputs.computeIfAbsent(shuffleId, id -> new Outputs(numMaps));
    }

    /** Registers an output written by the driver itself (local mode). */
    public void registerMapOutput(MapStatus status) {
        registerMapOutput(status, DRIVER);
    }

    /** Registers the output of a finished map task, held by executor {@code executorId}. */
    public void registerMapOutput(MapStatus status, String executorId) {
        Outputs shuffle = outputs.get(status.shuffleId());
        if (shuffle == null) {
            throw new IllegalStateException("Shuffle " + status.shuffleId() + " is not registered");
        }
        synchronized (shuffle) {
            shuffle.statuses[status.mapId()] = status;
            shuffle.executors[status.mapId()] = executorId;
            shuffle.registeredAt[status.mapId()] = epoch.get();
        }
    }

    /** The executor holding map output {@code mapId} of the shuffle, or null if the output is missing. */
    public String executorOf(int shuffleId, int mapId) {
        Outputs shuffle = outputs.get(shuffleId);
        if (shuffle == null) {
            return null;
        }
        synchronized (shuffle) {
            return mapId < shuffle.executors.length ? shuffle.executors[mapId] : null;
        }
    }

    /** Forgets one map output (its reducer could not fetch it); returns whether it was registered. */
    public boolean removeMapOutput(int shuffleId, int mapId) {
        return removeMapOutput(shuffleId, mapId, Long.MAX_VALUE);
    }

    /**
     * Forgets one map output that a reducer launched at epoch {@code readAt} could not fetch, unless the output
     * was registered after that epoch: then it is a new output (the map task ran again since) that the reducer
     * never tried to read. Returns whether an output was forgotten.
     */
    public boolean removeMapOutput(int shuffleId, int mapId, long readAt) {
        Outputs shuffle = outputs.get(shuffleId);
        if (shuffle == null) {
            return false;
        }
        synchronized (shuffle) {
            if (mapId >= shuffle.statuses.length || shuffle.statuses[mapId] == null
                    || shuffle.registeredAt[mapId] > readAt) {
                return false;
            }
            shuffle.statuses[mapId] = null;
            shuffle.executors[mapId] = null;
        }
        epoch.incrementAndGet();
        return true;
    }

    /** Forgets every output held by a lost executor; returns the shuffles that lost outputs. */
    public Set<Integer> removeOutputsOn(String executorId) {
        Set<Integer> affected = new LinkedHashSet<>();
        outputs.forEach((shuffleId, shuffle) -> {
            synchronized (shuffle) {
                for (int i = 0; i < shuffle.executors.length; i++) {
                    if (executorId.equals(shuffle.executors[i])) {
                        shuffle.statuses[i] = null;
                        shuffle.executors[i] = null;
                        affected.add(shuffleId);
                    }
                }
            }
        });
        if (!affected.isEmpty()) {
            epoch.incrementAndGet();
        }
        return affected;
    }

    /** A counter that grows whenever a registered output is forgotten. */
    public long epoch() {
        return epoch.get();
    }

    /** Whether every map output of the shuffle is present. */
    public boolean isAvailable(int shuffleId) {
        Outputs shuffle = outputs.get(shuffleId);
        if (shuffle == null) {
            return false;
        }
        synchronized (shuffle) {
            for (MapStatus s : shuffle.statuses) {
                if (s == null) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The map partitions whose output is missing. */
    public List<Integer> missingMaps(int shuffleId) {
        Outputs shuffle = outputs.get(shuffleId);
        List<Integer> missing = new ArrayList<>();
        if (shuffle != null) {
            synchronized (shuffle) {
                for (int i = 0; i < shuffle.statuses.length; i++) {
                    if (shuffle.statuses[i] == null) {
                        missing.add(i);
                    }
                }
            }
        }
        return missing;
    }

    /**
     * A copy of a shuffle's outputs and their executors (null where an output is missing), for executors that
     * read it remotely.
     *
     * @throws IllegalStateException if the shuffle is unknown
     */
    public MapOutputSnapshot snapshot(int shuffleId) {
        Outputs shuffle = require(shuffleId);
        synchronized (shuffle) {
            return new MapOutputSnapshot(shuffleId, shuffle.statuses.clone(), shuffle.executors.clone());
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws FetchFailedException if an output was lost since the reading stage was launched, so the scheduler
     *                              recomputes it
     */
    @Override
    public List<ShuffleBlockId> blocksFor(int shuffleId, int reduceId) {
        Outputs shuffle = require(shuffleId);
        synchronized (shuffle) {
            for (int mapId = 0; mapId < shuffle.statuses.length; mapId++) {
                if (shuffle.statuses[mapId] == null) {
                    throw new FetchFailedException(new ShuffleBlockId(shuffleId, mapId, reduceId),
                            "the map output was lost and is not registered any more", null);
                }
            }
            return MapOutputSnapshot.nonEmptyBlocks(shuffleId, shuffle.statuses, reduceId);
        }
    }

    @Override
    public long bytesFor(int shuffleId, int reduceId) {
        Outputs shuffle = outputs.get(shuffleId);
        if (shuffle == null) {
            return -1;
        }
        synchronized (shuffle) {
            return MapOutputSnapshot.bytesFor(shuffle.statuses, reduceId);
        }
    }

    private Outputs require(int shuffleId) {
        Outputs shuffle = outputs.get(shuffleId);
        if (shuffle == null) {
            throw new IllegalStateException("Shuffle " + shuffleId + " has no registered outputs (was it removed?)");
        }
        return shuffle;
    }

    /** Forgets a shuffle. */
    public void removeShuffle(int shuffleId) {
        outputs.remove(shuffleId);
    }
}
