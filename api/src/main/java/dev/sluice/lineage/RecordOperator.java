package dev.sluice.lineage;

import dev.sluice.spi.RecordSink;

/**
 * A narrow operator that works record by record (map, filter, flatMap, mapMulti, sample…), in both forms: pulled,
 * as a {@link PartitionTransform} of the parent's iterator, and pushed, as a sink that passes what it makes of
 * each record to the next sink ({@link #wrap}), as {@code java.util.stream}'s chained sinks or Flink's chained
 * operators. A {@link MapPartitionsNode} over a record operator pushes its parent's records through
 * {@code wrap}, so a stage's chain of record operators is one nest of sinks with no iterator between them.
 * Both forms make the same records in the same order and call the user's function the same number of times, in
 * the same order; see {@link RecordOperators}.
 *
 * @param <T> the input record type
 * @param <R> the output record type
 */
public interface RecordOperator<T, R> extends PartitionTransform<T, R> {

    /** The push form for partition {@code partition}: a sink that passes its records' outputs to {@code downstream}. */
    RecordSink<T> wrap(int partition, RecordSink<? super R> downstream);
}
