/**
 * In-memory building blocks of the spillable collections: the open-addressing key index both hash tables extend
 * ({@code KeySlots}: integral keys in a {@code long[]}, boxed keys otherwise), a map that folds values into
 * combiners ({@link dev.sluice.shuffle.collection.CombineMap}), a join's build table
 * ({@link dev.sluice.shuffle.collection.RecordTable}), append-only sortable buffers of key/value pairs
 * ({@link dev.sluice.shuffle.collection.PairBuffer}, {@link dev.sluice.shuffle.collection.LongPairBuffer}) and
 * their sorts (radix by key prefix or hash, merge by index). They keep keys and values in flat arrays to avoid an
 * entry object per record. None is thread-safe. Depends on the shuffle's root package and its memory package.
 */
package dev.sluice.shuffle.collection;
