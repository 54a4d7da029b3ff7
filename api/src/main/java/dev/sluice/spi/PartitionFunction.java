package dev.sluice.spi;

import java.io.Serializable;
import java.util.Iterator;

/**
 * What an action does with one partition inside a task (count it, collect it, write it…); the
 * result travels back to the driver.
 */
@FunctionalInterface
public interface PartitionFunction<T, U> extends Serializable {
    U apply(TaskContext context, Iterator<T> records) throws Exception;
}
