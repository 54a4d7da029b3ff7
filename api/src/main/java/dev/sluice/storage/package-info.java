/**
 * {@link dev.sluice.storage.StorageLevel}: where {@code persist} keeps a dataset's partitions (memory, serialized
 * memory, disk). Depends on nothing else of Sluice.
 */
package dev.sluice.storage;
