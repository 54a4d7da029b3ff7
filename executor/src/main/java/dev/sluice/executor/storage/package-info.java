/**
 * Cached dataset partitions: {@link dev.sluice.executor.storage.BlockManager} decides how each block is kept,
 * over a memory store (a Caffeine cache bounded by the storage budget, objects degrading to bytes before
 * anything is evicted), a disk store (one file per block) and per-block write locks (tasks missing the same block
 * compute it once), and reads blocks another executor holds. Depends on the metrics package and the shuffle
 * module (serializers, size estimation, local directories).
 */
package dev.sluice.executor.storage;
