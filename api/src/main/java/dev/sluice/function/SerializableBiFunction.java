package dev.sluice.function;

import java.io.Serializable;
import java.util.function.BiFunction;

/** A {@link BiFunction} that can be shipped to executors. */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {
}
