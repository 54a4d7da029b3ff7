package dev.sluice.spi;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Keyed records held in memory for hash joins: the values of each key, looked up while the other
 * side of the join streams past. Built by {@link TaskContext#buildTable}; belongs to one task.
 */
public interface KeyedTable {

    /** The values of {@code key} (null keys allowed), marking the key as matched; null when it is absent. */
    List<Object> match(Object key);

    /** Passes every key that {@link #match} never found, with its values, to {@code action}. */
    void forEachUnmatched(BiConsumer<Object, List<Object>> action);
}
