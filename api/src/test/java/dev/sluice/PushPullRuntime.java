package dev.sluice;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.config.SluiceConfig;
import dev.sluice.plan.ExecutionPlan;
import dev.sluice.serial.JavaSerialization;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.PartitionFold;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.RuntimeProvider;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.spi.TableBuild;
import dev.sluice.spi.TaskContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A runtime for narrow lineage only, in this JVM, one partition after another: master {@code test:push} pushes
 * into a {@link PartitionFold} as the executor does, {@code test:pull} always hands the function an iterator.
 * Nodes and functions travel through Java serialization as they do to a task. It counts records in (at sources
 * and cache hits) and out, as the executor's task context does; no shuffles.
 */
final class PushPullRuntime implements dev.sluice.spi.Runtime {
    private final boolean push;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, List<Object>> cache = new HashMap<>();
    long recordsIn;
    long recordsOut;

    private PushPullRuntime(boolean push) {
        this.push = push;
    }

    /** Finds this runtime for {@code test:push} and {@code test:pull}. */
    public static final class Provider implements RuntimeProvider {
        @Override
        public boolean accepts(String master) {
            return master.equals("test:push") || master.equals("test:pull");
        }

        @Override
        public dev.sluice.spi.Runtime create(String appId, SluiceConfig config, MeterRegistrySource meters) {
            return new PushPullRuntime(config.get(dev.sluice.config.ConfigKeys.MASTER).equals("test:push"));
        }
    }

    @Override
    public int defaultParallelism() {
        return 3;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, U> List<U> runJob(Node<T> node, int[] partitions, PartitionFunction<T, U> function) {
        prepare(node);
        Node<T> shipped = JavaSerialization.deserialize(JavaSerialization.serialize(node), getClass().getClassLoader());
        PartitionFunction<T, U> work = JavaSerialization.deserialize(JavaSerialization.serialize(function),
                getClass().getClassLoader());
        List<U> results = new ArrayList<>();
        for (int index : partitions) {
            Partition partition = JavaSerialization.deserialize(JavaSerialization.serialize(node.partition(index)),
                    getClass().getClassLoader());
            Context context = new Context(index);
            try {
                if (push && work instanceof PartitionFold<T, U> fold) {
                    PartitionFold.Accumulator<T, U> accumulator = fold.start(context);
                    shipped.push(partition, context, record -> {
                        recordsOut++;
                        accumulator.accept(record);
                    });
                    results.add(accumulator.result());
                } else {
                    results.add(work.apply(context, counted(shipped.iterator(partition, context), false)));
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                context.completions.forEach(Runnable::run);
            }
        }
        return results;
    }

    /** {@code records}, each counted in or out as it is taken. */
    private <T> Iterator<T> counted(Iterator<T> records, boolean in) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public T next() {
                T next = records.next();
                if (in) {
                    recordsIn++;
                } else {
                    recordsOut++;
                }
                return next;
            }
        };
    }

    private void prepare(Node<?> node) {
        node.dependencies().forEach(dependency -> prepare(dependency.parent()));
        node.prepare(this);
    }

    /** The task context of one partition: counts input, caches blocks in a map. */
    private final class Context implements TaskContext {
        private final int partition;
        private final List<Runnable> completions = new ArrayList<>();

        Context(int partition) {
            this.partition = partition;
        }

        @Override
        public int stageId() {
            return 0;
        }

        @Override
        public int partitionId() {
            return partition;
        }

        @Override
        public int attemptNumber() {
            return 0;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Iterator<T> getOrCompute(Node<T> node, Partition partition) {
            String block = node.id() + "/" + partition.index();
            List<Object> kept = cache.get(block);
            if (kept != null) {
                return sourceRecords((Iterator<T>) kept.iterator());
            }
            List<Object> computed = new ArrayList<>();
            node.computeUncached(partition, this).forEachRemaining(computed::add);
            cache.put(block, computed);
            return (Iterator<T>) computed.iterator();
        }

        @Override
        public <T> Iterator<T> sourceRecords(Iterator<T> records) {
            return counted(records, true);
        }

        @Override
        public Iterator<Object> readShuffle(ShuffleDependency dependency, int partition) {
            throw new UnsupportedOperationException("no shuffles here");
        }

        @Override
        public Iterator<Object> aggregate(Iterator<Object> records, RecordShape<Object, Object, Object> shape,
                                          Combiner<Object, Object> aggregator) {
            throw new UnsupportedOperationException("no aggregation here");
        }

        @Override
        public TableBuild buildTable(Iterator<Object> records, RecordShape<Object, Object, Object> shape) {
            throw new UnsupportedOperationException("no joins here");
        }

        @Override
        public void onCompletion(Runnable action) {
            completions.add(action);
        }
    }

    @Override
    public ExecutionPlan explain(Node<?> node) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unpersist(Node<?> node) {
        cache.keySet().removeIf(block -> block.startsWith(node.id() + "/"));
    }

    @Override
    public void removeShuffle(int shuffleId) {
    }

    @Override
    public MeterRegistry meterRegistry() {
        return registry;
    }

    @Override
    public void close() {
        cache.clear();
    }
}
