/**
 * In-memory building blocks of the spillable collections: a hash map that folds values into combiners
 * ({@link dev.sluice.shuffle.collection.CombineMap}) and an append-only, sortable buffer of key/value
 * pairs ({@link dev.sluice.shuffle.collection.PairBuffer}). Both keep keys and values in one flat array
 * to avoid an entry object per record. Neither is thread-safe.
 */
package dev.sluice.shuffle.collection;
