/**
 * What programs are written against: {@link dev.sluice.Sluice} (the context), {@link dev.sluice.Dataset} and
 * {@link dev.sluice.PairDataset} (lazy, typed datasets), {@link dev.sluice.Pair}, and the exceptions an action
 * throws. Transformations add {@code dev.sluice.lineage} nodes; actions hand them to the runtime found through
 * {@code dev.sluice.spi}.
 *
 * <p>May depend on the other API packages only. Nothing outside the API module depends on the classes here except
 * {@link dev.sluice.Pair} and the exceptions (ArchitectureTest).
 */
package dev.sluice;
