package dev.sluice.shuffle;

import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * A combiner's merge function on unboxed values, for combiners that are {@code Long}s or {@code Double}s and
 * merge as the function does ({@code Long::sum}, {@code Double::sum}): a hash table that keeps its combiners
 * unboxed folds with it without boxing an intermediate combiner per record.
 */
public sealed interface PrimitiveMerge {

    /** Merges {@code Long} combiners as longs. */
    record OfLong(LongBinaryOperator merge) implements PrimitiveMerge {
    }

    /** Merges {@code Double} combiners as doubles. */
    record OfDouble(DoubleBinaryOperator merge) implements PrimitiveMerge {
    }
}
