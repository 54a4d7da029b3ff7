package dev.sluice.function;

import java.io.Serializable;
import java.util.function.Supplier;

/** A {@link Supplier} that can be shipped to executors. */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
}
