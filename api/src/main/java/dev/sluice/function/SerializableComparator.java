package dev.sluice.function;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A {@link Comparator} that can be shipped to executors, used by sorting and ordered actions.
 * The factories mirror {@link Comparator}'s so that {@code SerializableComparator.naturalOrder()}
 * reads the same as the JDK idiom.
 */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {

    /** Natural ordering of {@link Comparable} values. */
    static <T extends Comparable<? super T>> SerializableComparator<T> naturalOrder() {
        return Comparable::compareTo;
    }

    /** Reverse of natural ordering. */
    static <T extends Comparable<? super T>> SerializableComparator<T> reverseOrder() {
        return (a, b) -> b.compareTo(a);
    }

    /** Orders by a {@link Comparable} key extracted from each value. */
    static <T, U extends Comparable<? super U>> SerializableComparator<T> comparing(SerializableFunction<? super T, ? extends U> key) {
        return (a, b) -> key.apply(a).compareTo(key.apply(b));
    }

    /** This ordering reversed, still serializable. */
    @Override
    default SerializableComparator<T> reversed() {
        return (a, b) -> compare(b, a);
    }

    /** This ordering, then {@code next} for ties, still serializable. */
    default SerializableComparator<T> thenComparing(SerializableComparator<? super T> next) {
        return (a, b) -> {
            int c = compare(a, b);
            return c != 0 ? c : next.compare(a, b);
        };
    }
}
