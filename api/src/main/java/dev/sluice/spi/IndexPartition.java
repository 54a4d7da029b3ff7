package dev.sluice.spi;

/** A {@link Partition} that is just an index, for nodes whose parents say where the data is. */
record IndexPartition(int index) implements Partition {
}
