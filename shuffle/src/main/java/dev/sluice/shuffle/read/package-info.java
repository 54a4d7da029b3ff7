/**
 * The reduce side of a shuffle: {@link dev.sluice.shuffle.read.ShuffleReader} turns fetched blocks back
 * into records.
 */
package dev.sluice.shuffle.read;
