package dev.sluice.function;

import java.io.Serializable;
import java.util.function.Predicate;

/** A {@link Predicate} that can be shipped to executors. */
@FunctionalInterface
public interface SerializablePredicate<T> extends Predicate<T>, Serializable {
}
