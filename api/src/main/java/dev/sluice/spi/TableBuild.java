package dev.sluice.spi;

import java.util.Iterator;

/**
 * What {@link TaskContext#buildTable} made of its records: a {@link Built} table when they fit the
 * task's execution memory, or, when they did not, {@link Overflowed} with every record it was given,
 * so the caller can fall back to a strategy that spills.
 */
public sealed interface TableBuild permits TableBuild.Built, TableBuild.Overflowed {

    /** All records fit: look them up by key. */
    record Built(KeyedTable table) implements TableBuild {
    }

    /** The records did not fit; {@code records} yields all of them (the loaded ones, then the rest), once. */
    record Overflowed(Iterator<Object> records) implements TableBuild {
    }
}
