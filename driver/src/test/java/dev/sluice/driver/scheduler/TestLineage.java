package dev.sluice.driver.scheduler;

import dev.sluice.function.SerializableFunction;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.spi.Aggregator;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.RecordShape;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.spi.TaskContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small concrete lineage nodes for scheduler tests. Tasks run deserialized copies of them, so what they
 * record (how often a partition was computed) goes to static, name-keyed counters.
 */
final class TestLineage {
    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private TestLineage() {
    }

    /** How many times partitions of the node named {@code name} were computed. */
    static int computed(String name) {
        return counter(name).get();
    }

    private static AtomicInteger counter(String name) {
        return COUNTERS.computeIfAbsent(name, n -> new AtomicInteger());
    }

    static int nextId() {
        return IDS.incrementAndGet();
    }

    /** A key-value record of shuffled data. */
    record KV(Object key, Object value) implements Serializable {
    }

    enum KVShape implements RecordShape {
        INSTANCE;

        @Override
        public Object key(Object record) {
            return ((KV) record).key();
        }

        @Override
        public Object value(Object record) {
            return ((KV) record).value();
        }

        @Override
        public Object of(Object key, Object value) {
            return new KV(key, value);
        }
    }

    /** What a map function may need to know about the task it runs in, to fail on chosen attempts. */
    interface TaskFunction extends Serializable {
        Object apply(Object record, TaskContext context);
    }

    /** Partitions given as lists. */
    static final class Source extends Node<Object> {
        private static final long serialVersionUID = 1L;
        private final List<List<Object>> partitions;

        Source(String name, List<List<Object>> partitions) {
            super(nextId(), name, "TestLineage");
            this.partitions = new ArrayList<>(partitions);
        }

        @Override
        public int numPartitions() {
            return partitions.size();
        }

        @Override
        public List<Dependency> dependencies() {
            return List.of();
        }

        @Override
        protected Iterator<Object> compute(Partition partition, TaskContext context) {
            counter(operator()).incrementAndGet();
            return partitions.get(partition.index()).iterator();
        }
    }

    /** One-to-one map over a parent, counting its computations under its name. */
    static final class MapNode extends Node<Object> {
        private static final long serialVersionUID = 1L;
        private final Node<?> parent;
        private final TaskFunction f;

        MapNode(String name, Node<?> parent, TaskFunction f) {
            super(nextId(), name, "TestLineage");
            this.parent = parent;
            this.f = f;
        }

        @Override
        public int numPartitions() {
            return parent.numPartitions();
        }

        @Override
        public List<Dependency> dependencies() {
            return List.of(NarrowDependency.oneToOne(parent));
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Iterator<Object> compute(Partition partition, TaskContext context) {
            counter(operator()).incrementAndGet();
            Iterator<Object> in = ((Node<Object>) parent).iterator(parent.partition(partition.index()), context);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return in.hasNext();
                }

                @Override
                public Object next() {
                    return f.apply(in.next(), context);
                }
            };
        }
    }

    /** The reduce side of one shuffle (optionally summing long values). */
    static final class Shuffled extends Node<Object> {
        private static final long serialVersionUID = 1L;
        private final ShuffleDependency dependency;

        Shuffled(String name, ShuffleDependency dependency) {
            super(nextId(), name, "TestLineage");
            this.dependency = dependency;
        }

        @Override
        public int numPartitions() {
            return dependency.partitioner().numPartitions();
        }

        @Override
        public List<Dependency> dependencies() {
            return List.of(dependency);
        }

        @Override
        protected Iterator<Object> compute(Partition partition, TaskContext context) {
            counter(operator()).incrementAndGet();
            return context.readShuffle(dependency, partition.index());
        }
    }

    /** Reads two shuffles one after the other (a join-like shape). */
    static final class TwoShuffles extends Node<Object> {
        private static final long serialVersionUID = 1L;
        private final ShuffleDependency left;
        private final ShuffleDependency right;

        TwoShuffles(String name, ShuffleDependency left, ShuffleDependency right) {
            super(nextId(), name, "TestLineage");
            this.left = left;
            this.right = right;
        }

        @Override
        public int numPartitions() {
            return left.partitioner().numPartitions();
        }

        @Override
        public List<Dependency> dependencies() {
            return List.of(left, right);
        }

        @Override
        protected Iterator<Object> compute(Partition partition, TaskContext context) {
            List<Object> all = new ArrayList<>();
            context.readShuffle(left, partition.index()).forEachRemaining(all::add);
            context.readShuffle(right, partition.index()).forEachRemaining(all::add);
            return all.iterator();
        }
    }

    static Source source(String name, List<List<Object>> partitions) {
        return new Source(name, partitions);
    }

    static MapNode map(String name, Node<?> parent, TaskFunction f) {
        return new MapNode(name, parent, f);
    }

    /** Sums long values by key. */
    static ShuffleDependency sumByKey(Node<?> parent, int shuffleId, int partitions) {
        Aggregator sum = new Aggregator(v -> v, (c, v) -> (Long) c + (Long) v, (a, b) -> (Long) a + (Long) b);
        return new ShuffleDependency(parent, shuffleId, new HashPartitioner(partitions), KVShape.INSTANCE, sum, true, null);
    }

    static Shuffled shuffled(String name, ShuffleDependency dependency) {
        return new Shuffled(name, dependency);
    }

    /** Collects a partition into a list. */
    static PartitionFunction<Object, List<Object>> collect() {
        return (context, records) -> {
            List<Object> out = new ArrayList<>();
            records.forEachRemaining(out::add);
            return out;
        };
    }

    /** A key-value mapping that keys each long by its value modulo 3. */
    static TaskFunction byMod3() {
        return (record, context) -> new KV((Long) record % 3, 1L);
    }

    static SerializableFunction<Object, Object> identity() {
        return x -> x;
    }
}
