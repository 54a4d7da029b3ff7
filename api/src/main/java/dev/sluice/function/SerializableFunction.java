package dev.sluice.function;

import java.io.Serializable;
import java.util.function.Function;

/** A {@link Function} that can be shipped to executors. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
