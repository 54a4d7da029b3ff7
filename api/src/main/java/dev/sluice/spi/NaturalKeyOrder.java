package dev.sluice.spi;

import dev.sluice.function.SerializableComparator;

/**
 * The key ordering of {@code sortByKey()} without a comparator: the keys' natural order, nulls first, reversed
 * when descending. Runtimes recognise it to sort by primitive key prefixes instead of comparing objects.
 *
 * @param ascending whether smaller keys come first
 */
public record NaturalKeyOrder(boolean ascending) implements SerializableComparator<Object> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
        int ascendingOrder = a == b ? 0 : a == null ? -1 : b == null ? 1 : ((Comparable) a).compareTo(b);
        return ascending ? ascendingOrder : -ascendingOrder;
    }
}
