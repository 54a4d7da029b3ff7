/**
 * Spillable, external collections: {@link dev.sluice.shuffle.sort.ExternalSorter} sorts by key and
 * {@link dev.sluice.shuffle.sort.ExternalAggregator} combines by key, both beyond the memory a task is
 * granted. They buffer in memory, write sorted runs to spill files when memory is refused, and merge
 * the runs with the in-memory remainder when iterated.
 */
package dev.sluice.shuffle.sort;
