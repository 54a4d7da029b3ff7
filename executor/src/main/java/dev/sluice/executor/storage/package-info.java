/**
 * Cached dataset partitions: {@link dev.sluice.executor.storage.BlockManager} keeps blocks in memory (objects or
 * serialized) and on disk, evicts by size, and reads a block another executor holds. Depends on the memory and
 * metrics packages and the shuffle module.
 */
package dev.sluice.executor.storage;
