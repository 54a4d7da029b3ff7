package dev.sluice.function;

import java.io.Serializable;
import java.util.function.BinaryOperator;

/** A {@link BinaryOperator} that can be shipped to executors, used by reductions and aggregations. */
@FunctionalInterface
public interface SerializableBinaryOperator<T> extends BinaryOperator<T>, Serializable {
}
