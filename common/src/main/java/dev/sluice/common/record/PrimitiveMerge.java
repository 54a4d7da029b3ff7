package dev.sluice.common.record;

import java.util.Optional;

/**
 * A combination the shuffle recognises as a sum of longs or of doubles ({@code reduceByKey(Long::sum)},
 * {@code reduceByKey(Double::sum)}), with the values as their own combiners, so that a hash table can fold them
 * as primitives: it neither boxes each intermediate sum nor calls the function through an interface per record.
 * The result is the one the function gives.
 */
public enum PrimitiveMerge {
    /** {@code Long::sum}: the combiners are {@code Long}s. */
    LONG_SUM("java/lang/Long.sum(JJ)J", Long.class),
    /** {@code Double::sum}: the combiners are {@code Double}s. */
    DOUBLE_SUM("java/lang/Double.sum(DD)D", Double.class);

    private final String method;
    private final Class<?> type;

    PrimitiveMerge(String method, Class<?> type) {
        this.method = method;
        this.type = type;
    }

    /** The boxed type of the combiners ({@code Long} or {@code Double}). */
    public Class<?> type() {
        return type;
    }

    /** Merges two {@code long} combiners (for {@link #LONG_SUM}). */
    public long merge(long a, long b) {
        return a + b;
    }

    /** Merges two {@code double} combiners (for {@link #DOUBLE_SUM}). */
    public double merge(double a, double b) {
        return a + b;
    }

    /**
     * The merge a static method performs, by its JVM name ({@code java/lang/Long.sum(JJ)J}, as a serialized
     * method reference names its target), if it is one of these.
     */
    public static Optional<PrimitiveMerge> ofMethod(String target) {
        for (PrimitiveMerge merge : values()) {
            if (merge.method.equals(target)) {
                return Optional.of(merge);
            }
        }
        return Optional.empty();
    }
}
