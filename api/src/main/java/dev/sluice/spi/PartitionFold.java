package dev.sluice.spi;

import java.util.Iterator;

/**
 * A {@link PartitionFunction} that consumes every record of its partition, in push form: the runtime
 * {@linkplain Node#push pushes} the partition into an {@link Accumulator} and sends back its {@link
 * Accumulator#result()}, with no iterator between the stage's operators and the action. Actions that stop early
 * ({@code take}, {@code first}) or hand the user an iterator ({@code foreachPartition}) stay plain
 * {@code PartitionFunction}s. {@link #apply} gives the same result from an iterator, for runtimes that pull.
 *
 * @param <T> the record type
 * @param <U> the partition's result
 */
@FunctionalInterface
public interface PartitionFold<T, U> extends PartitionFunction<T, U> {

    /** A fresh accumulator for one partition of the task {@code context} runs. */
    Accumulator<T, U> start(TaskContext context) throws Exception;

    /** Pulls every record of {@code records} into a fresh accumulator. */
    @Override
    default U apply(TaskContext context, Iterator<T> records) throws Exception {
        Accumulator<T, U> accumulator = start(context);
        while (records.hasNext()) {
            accumulator.accept(records.next());
        }
        return accumulator.result();
    }

    /**
     * Takes one partition's records, then gives the partition's result.
     *
     * @param <T> the record type
     * @param <U> the result
     */
    interface Accumulator<T, U> extends RecordSink<T> {
        /** The result, once every record was accepted. */
        U result() throws Exception;
    }
}
