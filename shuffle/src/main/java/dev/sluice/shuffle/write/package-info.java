/**
 * The map side of a shuffle: {@link dev.sluice.shuffle.write.ShuffleMapWriter} routes a map task's
 * records to reduce partitions, optionally combining them by key first, spills under memory pressure and
 * commits one data file and one index file.
 */
package dev.sluice.shuffle.write;
