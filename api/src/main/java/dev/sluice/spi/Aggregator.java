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
 * @param reduction       what the functions compute, when it is a {@link NumericReduction} with the values as
 *                        their own combiners ({@code reduceByKey(Long::sum)}), so a runtime may fold primitives;
 *                        null otherwise
 */
public record Aggregator(SerializableFunction<Object, Object> createCombiner,
                         SerializableBiFunction<Object, Object, Object> mergeValue,
                         SerializableBinaryOperator<Object> mergeCombiners,
                         boolean groupsIntoLists, NumericReduction reduction) implements Serializable {

    /** An aggregation by the given functions, grouping into lists or not, that is no known reduction. */
    public Aggregator(SerializableFunction<Object, Object> createCombiner,
                      SerializableBiFunction<Object, Object, Object> mergeValue,
                      SerializableBinaryOperator<Object> mergeCombiners, boolean groupsIntoLists) {
        this(createCombiner, mergeValue, mergeCombiners, groupsIntoLists, null);
    }

    /** An aggregation that folds values with the given functions. */
    public Aggregator(SerializableFunction<Object, Object> createCombiner,
                      SerializableBiFunction<Object, Object, Object> mergeValue,
                      SerializableBinaryOperator<Object> mergeCombiners) {
        this(createCombiner, mergeValue, mergeCombiners, false);
    }
}
