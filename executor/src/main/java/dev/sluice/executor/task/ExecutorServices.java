package dev.sluice.executor.task;

import dev.sluice.executor.memory.MemoryManager;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.tracker.MapOutputLookup;

/**
 * What an executor gives its tasks: its id, serializer, memory, blocks, local files, map output
 * locations, the block fetcher (local files in local mode, the block service across JVMs) and the meters.
 */
public record ExecutorServices(String executorId, Serializer serializer, MemoryManager memory, BlockManager blocks, LocalDirectory dirs,
                               MapOutputLookup mapOutputs, ShuffleBlockFetcher fetcher, EngineMetrics metrics,
                               ClassLoader classLoader) {
}
