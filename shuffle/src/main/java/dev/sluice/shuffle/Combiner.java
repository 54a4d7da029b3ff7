package dev.sluice.shuffle;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * How the values of one key are folded into a combiner: the three functions of a combine-by-key
 * aggregation. Combiners built on the map side are merged again on the reduce side.
 *
 * @param createCombiner turns the first value seen for a key into a combiner
 * @param mergeValue folds a further value into an existing combiner
 * @param mergeCombiners merges two partial combiners of the same key
 * @param primitiveMerge {@code mergeValue} and {@code mergeCombiners} on unboxed values, when the values are their
 *     own combiners ({@code createCombiner} is the identity) and both functions are this one; else null
 * @param <V> the value type
 * @param <C> the combiner type
 */
public record Combiner<V, C>(
        Function<V, C> createCombiner, BiFunction<C, V, C> mergeValue, BinaryOperator<C> mergeCombiners,
        PrimitiveMerge primitiveMerge) {

    /** A combiner by the three functions alone. */
    public Combiner(Function<V, C> createCombiner, BiFunction<C, V, C> mergeValue, BinaryOperator<C> mergeCombiners) {
        this(createCombiner, mergeValue, mergeCombiners, null);
    }

    /** Checks that all three functions are present. */
    public Combiner {
        Objects.requireNonNull(createCombiner, "createCombiner");
        Objects.requireNonNull(mergeValue, "mergeValue");
        Objects.requireNonNull(mergeCombiners, "mergeCombiners");
    }
}
