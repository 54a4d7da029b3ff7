package dev.sluice.spi;

import dev.sluice.function.SerializableBiFunction;
import dev.sluice.function.SerializableBinaryOperator;
import dev.sluice.function.SerializableFunction;

import java.io.Serializable;

/**
 * The three functions of a by-key aggregation: make a combiner from a first value, fold another
 * value in, and merge two combiners (from different map tasks or spills).
 */
public record Aggregator(SerializableFunction<Object, Object> createCombiner,
                         SerializableBiFunction<Object, Object, Object> mergeValue,
                         SerializableBinaryOperator<Object> mergeCombiners) implements Serializable {
}
