package dev.sluice.lineage;

import dev.sluice.common.Iterators;
import dev.sluice.function.SerializableBiConsumer;
import dev.sluice.function.SerializableFunction;
import dev.sluice.function.SerializablePredicate;
import dev.sluice.spi.RecordSink;

import java.io.Serializable;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The {@link RecordOperator}s the API builds narrow operators from: {@link #map}, {@link #filter},
 * {@link #flatMap}, {@link #mapMulti}, and {@link #perPartition} for operators with per-partition state
 * (sampling, round-robin keys). Each pulls with the adapters of {@link Iterators} and pushes with a sink that keeps
 * nothing but its downstream and the user's function.
 */
public final class RecordOperators {
    private RecordOperators() {
    }

    /** Applies {@code f} to every record. */
    public static <T, R> RecordOperator<T, R> map(SerializableFunction<? super T, ? extends R> f) {
        return new MapOperator<>(f);
    }

    /** Keeps the records {@code p} accepts. */
    public static <T> RecordOperator<T, T> filter(SerializablePredicate<? super T> p) {
        return new FilterOperator<>(p);
    }

    /** The records of what {@code f} returns for each record (null: none). */
    public static <T, R> RecordOperator<T, R> flatMap(SerializableFunction<? super T, ? extends Iterable<? extends R>> f) {
        return new FlatMapOperator<>(f);
    }

    /** What {@code f} passes to its consumer for each record; pushed, the consumer is the next sink itself. */
    public static <T, R> RecordOperator<T, R> mapMulti(SerializableBiConsumer<? super T, ? super Consumer<R>> f) {
        return new MapMultiOperator<>(f);
    }

    /** The operator {@code operators} makes for each partition, for per-partition state such as a seeded random. */
    public static <T, R> RecordOperator<T, R> perPartition(PerPartition<T, R> operators) {
        return new PerPartitionOperator<>(operators);
    }

    /**
     * Makes the operator of one partition.
     *
     * @param <T> the input record type
     * @param <R> the output record type
     */
    @FunctionalInterface
    public interface PerPartition<T, R> extends Serializable {
        /** A fresh operator for partition {@code partition}. */
        RecordOperator<T, R> of(int partition);
    }

    private record MapOperator<T, R>(SerializableFunction<? super T, ? extends R> f) implements RecordOperator<T, R> {
        @Override
        public Iterator<R> apply(int partition, Iterator<T> input) {
            return Iterators.map(input, f);
        }

        @Override
        public RecordSink<T> wrap(int partition, RecordSink<? super R> downstream) {
            return record -> downstream.accept(f.apply(record));
        }
    }

    private record FilterOperator<T>(SerializablePredicate<? super T> p) implements RecordOperator<T, T> {
        @Override
        public Iterator<T> apply(int partition, Iterator<T> input) {
            return Iterators.filter(input, p);
        }

        @Override
        public RecordSink<T> wrap(int partition, RecordSink<? super T> downstream) {
            return record -> {
                if (p.test(record)) {
                    downstream.accept(record);
                }
            };
        }
    }

    private record FlatMapOperator<T, R>(SerializableFunction<? super T, ? extends Iterable<? extends R>> f)
            implements RecordOperator<T, R> {
        @Override
        public Iterator<R> apply(int partition, Iterator<T> input) {
            return Iterators.flatMap(input, f);
        }

        @Override
        public RecordSink<T> wrap(int partition, RecordSink<? super R> downstream) {
            return record -> {
                Iterable<? extends R> produced = f.apply(record);
                if (produced != null) {
                    for (R r : produced) { // its iterator, as the pulled form takes it (not Iterable.forEach)
                        downstream.accept(r);
                    }
                }
            };
        }
    }

    private record MapMultiOperator<T, R>(SerializableBiConsumer<? super T, ? super Consumer<R>> f)
            implements RecordOperator<T, R> {
        @Override
        public Iterator<R> apply(int partition, Iterator<T> input) {
            return Iterators.mapMulti(input, f);
        }

        @Override
        @SuppressWarnings("unchecked") // a sink of a supertype of R takes every R
        public RecordSink<T> wrap(int partition, RecordSink<? super R> downstream) {
            Consumer<R> out = (Consumer<R>) downstream;
            return record -> f.accept(record, out);
        }
    }

    private record PerPartitionOperator<T, R>(PerPartition<T, R> operators) implements RecordOperator<T, R> {
        @Override
        public Iterator<R> apply(int partition, Iterator<T> input) {
            return operators.of(partition).apply(partition, input);
        }

        @Override
        public RecordSink<T> wrap(int partition, RecordSink<? super R> downstream) {
            return operators.of(partition).wrap(partition, downstream);
        }
    }
}
