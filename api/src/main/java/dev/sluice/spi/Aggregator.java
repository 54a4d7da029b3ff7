package dev.sluice.spi;

import dev.sluice.function.SerializableBiFunction;
import dev.sluice.function.SerializableBinaryOperator;
import dev.sluice.function.SerializableFunction;

import java.io.Serializable;

/**
 * The three functions of a by-key aggregation: make a combiner from a first value, fold another
 * value in, and merge two combiners (from different map tasks or spills).
 *
 * @param groupsIntoLists the combiner of a key is a mutable list of all its values (as for
 *                        {@code groupByKey}), so a runtime may group by sorting instead of calling the
 *                        functions per value; the functions must build the same lists
 */
public record Aggregator(SerializableFunction<Object, Object> createCombiner,
                         SerializableBiFunction<Object, Object, Object> mergeValue,
                         SerializableBinaryOperator<Object> mergeCombiners,
                         boolean groupsIntoLists) implements Serializable {

    /** An aggregation that folds values with the given functions. */
    public Aggregator(SerializableFunction<Object, Object> createCombiner,
                      SerializableBiFunction<Object, Object, Object> mergeValue,
                      SerializableBinaryOperator<Object> mergeCombiners) {
        this(createCombiner, mergeValue, mergeCombiners, false);
    }
}
