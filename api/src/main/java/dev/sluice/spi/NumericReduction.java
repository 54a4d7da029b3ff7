package dev.sluice.spi;

import dev.sluice.serial.MethodReferences;

import java.util.Optional;

/**
 * A by-key reduction the engine recognises as a sum of longs or of doubles ({@code reduceByKey(Long::sum)},
 * {@code reduceByKey(Double::sum)}), so that it can fold the values as primitives: a hash table of unboxed sums
 * then neither boxes each intermediate sum nor calls the function through an interface per record. The result
 * is the one the function gives.
 */
public enum NumericReduction {
    /** {@code Long::sum}: the combiners are {@code Long}s. */
    LONG_SUM("java/lang/Long.sum(JJ)J"),
    /** {@code Double::sum}: the combiners are {@code Double}s. */
    DOUBLE_SUM("java/lang/Double.sum(DD)D");

    private final String method;

    NumericReduction(String method) {
        this.method = method;
    }

    /** The reduction {@code function} performs, if it is a method reference to one this enum names. */
    public static Optional<NumericReduction> of(Object function) {
        Optional<String> target = MethodReferences.staticTarget(function);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        for (NumericReduction reduction : values()) {
            if (reduction.method.equals(target.get())) {
                return Optional.of(reduction);
            }
        }
        return Optional.empty();
    }
}
