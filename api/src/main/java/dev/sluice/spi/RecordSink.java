package dev.sluice.spi;

import java.util.function.Consumer;

/**
 * Where a stage's records are pushed, one {@link #accept} call per record, in partition order: the next operator
 * of a fused chain, or what consumes the stage's output (the shuffle map writer, an action's accumulator). See
 * {@link Node#push}.
 *
 * <p>A sink is made for one partition of one task and called on that task's thread only. It must not keep a
 * record after {@code accept} returns unless it is the record's consumer (a collection, a map-side combiner): the
 * chain holds no per-record state, so nothing it stores outlives a young collection. A user function's exception
 * passes through every sink of the chain unchanged. A {@code Consumer}, so that a {@code mapMulti} function is
 * handed the next operator's sink itself.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RecordSink<T> extends Consumer<T> {
    /** Takes one record. */
    @Override
    void accept(T record);
}
