package dev.sluice.common.record;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * How the values of one key are combined: the three functions of a combine-by-key aggregation, and what the
 * shuffle may know about them to combine faster. Combiners built on the map side are merged again on the reduce
 * side. Serializable when its functions are, as the API's are: it travels inside tasks.
 *
 * @param createCombiner  turns the first value seen for a key into a combiner
 * @param mergeValue      folds a further value into an existing combiner
 * @param mergeCombiners  merges two partial combiners of the same key (from different map tasks or spills)
 * @param groupsIntoLists the combiner of a key is a mutable list of all its values (as for {@code groupByKey}), so
 *                        the shuffle may group by sorting instead of calling the functions per value; the
 *                        functions must build the same lists
 * @param primitiveMerge  what {@code mergeValue} and {@code mergeCombiners} compute when the values are their own
 *                        combiners ({@code createCombiner} is the identity) and both are this sum; else null
 * @param <V> the value type
 * @param <C> the combiner type
 */
public record Combiner<V, C>(
        Function<V, C> createCombiner, BiFunction<C, V, C> mergeValue, BinaryOperator<C> mergeCombiners,
        boolean groupsIntoLists, PrimitiveMerge primitiveMerge) implements Serializable {

    /** A combiner by the three functions alone. */
    public Combiner(Function<V, C> createCombiner, BiFunction<C, V, C> mergeValue, BinaryOperator<C> mergeCombiners) {
        this(createCombiner, mergeValue, mergeCombiners, false, null);
    }

    /** A combiner by the three functions, with the sum they compute (or null). */
    public Combiner(Function<V, C> createCombiner, BiFunction<C, V, C> mergeValue, BinaryOperator<C> mergeCombiners,
                    PrimitiveMerge primitiveMerge) {
        this(createCombiner, mergeValue, mergeCombiners, false, primitiveMerge);
    }

    /** Checks that all three functions are present. */
    public Combiner {
        Objects.requireNonNull(createCombiner, "createCombiner");
        Objects.requireNonNull(mergeValue, "mergeValue");
        Objects.requireNonNull(mergeCombiners, "mergeCombiners");
    }
}
