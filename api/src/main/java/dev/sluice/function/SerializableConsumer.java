package dev.sluice.function;

import java.io.Serializable;
import java.util.function.Consumer;

/** A {@link Consumer} that can be shipped to executors, used by {@code foreach}. */
@FunctionalInterface
public interface SerializableConsumer<T> extends Consumer<T>, Serializable {
}
