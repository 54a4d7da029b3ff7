package dev.sluice.function;

import java.io.Serializable;
import java.util.function.BiConsumer;

/** A {@link BiConsumer} that can be shipped to executors, used by {@code mapMulti}. */
@FunctionalInterface
public interface SerializableBiConsumer<T, U> extends BiConsumer<T, U>, Serializable {
}
