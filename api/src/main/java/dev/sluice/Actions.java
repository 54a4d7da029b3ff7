package dev.sluice;

import dev.sluice.function.SerializableBinaryOperator;
import dev.sluice.function.SerializableComparator;
import dev.sluice.function.SerializableConsumer;
import dev.sluice.spi.PartitionFold;

import java.util.ArrayList;
import java.util.PriorityQueue;
import java.util.function.BiFunction;

/**
 * The per-partition work of the actions that consume every record, as {@link PartitionFold}s: the runtime pushes
 * the stage's records straight into their accumulators. Each accumulator keeps only its result, as the loop
 * over an iterator it replaces kept it in a local variable.
 */
final class Actions {
    private Actions() {
    }

    /** The number of records. */
    static <T> PartitionFold<T, Long> count() {
        return c -> new PartitionFold.Accumulator<>() {
            private long n;

            @Override
            public void accept(T record) {
                n++;
            }

            @Override
            public Long result() {
                return n;
            }
        };
    }

    /** The records, in order. */
    static <T> PartitionFold<T, ArrayList<T>> collect() {
        return c -> new PartitionFold.Accumulator<>() {
            private final ArrayList<T> out = new ArrayList<>();

            @Override
            public void accept(T record) {
                out.add(record);
            }

            @Override
            public ArrayList<T> result() {
                return out;
            }
        };
    }

    /** Runs {@code action} on every record; the result is null. */
    static <T> PartitionFold<T, Object> foreach(SerializableConsumer<? super T> action) {
        return c -> new PartitionFold.Accumulator<>() {
            @Override
            public void accept(T record) {
                action.accept(record);
            }

            @Override
            public Object result() {
                return null;
            }
        };
    }

    /** The records combined with {@code op}, as a list of none (an empty partition) or one. */
    static <T> PartitionFold<T, ArrayList<T>> reduce(SerializableBinaryOperator<T> op) {
        return c -> new PartitionFold.Accumulator<>() {
            private T acc;
            private boolean any;

            @Override
            public void accept(T record) {
                if (any) {
                    acc = op.apply(acc, record);
                } else {
                    acc = record;
                    any = true;
                }
            }

            @Override
            public ArrayList<T> result() {
                ArrayList<T> result = new ArrayList<>(1);
                if (any) {
                    result.add(acc);
                }
                return result;
            }
        };
    }

    /**
     * The records folded into a fresh zero with {@code op}, left to right: {@code fold}'s and {@code aggregate}'s
     * partition work. {@code op} is a {@code SerializableBinaryOperator} or a {@code SerializableBiFunction}.
     */
    static <T, U> PartitionFold<T, U> fold(ZeroValue<U> zeros, BiFunction<U, ? super T, U> op) {
        return c -> new PartitionFold.Accumulator<>() {
            private U acc = zeros.get();

            @Override
            public void accept(T record) {
                acc = op.apply(acc, record);
            }

            @Override
            public U result() {
                return acc;
            }
        };
    }

    /** The {@code n} smallest records by {@code order}, smallest first. */
    static <T> PartitionFold<T, ArrayList<T>> smallest(int n, SerializableComparator<? super T> order) {
        return c -> new PartitionFold.Accumulator<>() {
            private final PriorityQueue<T> heap = new PriorityQueue<>(Math.min(n, 1024) + 1, order.reversed());

            @Override
            public void accept(T t) {
                if (heap.size() < n) {
                    heap.add(t);
                } else if (order.compare(t, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(t);
                }
            }

            @Override
            public ArrayList<T> result() {
                ArrayList<T> out = new ArrayList<>(heap);
                out.sort(order);
                return out;
            }
        };
    }
}
