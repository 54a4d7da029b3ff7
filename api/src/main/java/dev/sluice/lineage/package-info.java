/**
 * The lineage graph: one node class per kind of transformation (narrow maps, shuffles, joins, co-groups, unions,
 * sources), built by {@code Dataset} and {@code PairDataset}. Each node is an {@link dev.sluice.spi.Node}: the
 * planner and runtime see only that interface, never these classes (ArchitectureTest). Public so the API's root
 * package can build them; not meant for programs.
 *
 * <p>May depend on the SPI and the other API packages, and on {@link dev.sluice.Pair}, the one class of the root
 * package nodes produce.
 */
package dev.sluice.lineage;
