package dev.sluice.planner;

import dev.sluice.partition.HashPartitioner;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.common.record.RecordShape;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Minimal lineage nodes for planning: the planner only looks at partitions, dependencies and names. */
final class TestNodes {
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger shuffleIds = new AtomicInteger(100);

    /** A node with the given dependencies; computing it is never needed by the planner. */
    static class TestNode extends Node<Object> {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final List<Dependency> dependencies;

        TestNode(int id, String operator, int partitions, List<Dependency> dependencies) {
            super(id, operator, "Test.java:" + id);
            this.partitions = partitions;
            this.dependencies = List.copyOf(dependencies);
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public List<Dependency> dependencies() {
            return dependencies;
        }

        @Override
        protected Iterator<Object> compute(Partition partition, TaskContext context) {
            throw new UnsupportedOperationException("not computed in planner tests");
        }
    }

    /** A node that fails the test if the planner walks into it (asks for its parents). */
    static final class Untouchable extends TestNode {
        private static final long serialVersionUID = 1L;

        Untouchable(int id, int partitions) {
            super(id, "untouchable", partitions, List.of());
        }

        @Override
        public List<Dependency> dependencies() {
            throw new AssertionError("the planner visited the lineage above an available shuffle");
        }
    }

    enum Shape implements RecordShape<Object, Object, Object> {
        INSTANCE;

        @Override
        public Object key(Object record) {
            return record;
        }

        @Override
        public Object value(Object record) {
            return record;
        }

        @Override
        public Object of(Object key, Object value) {
            return key;
        }
    }

    TestNode source(int partitions) {
        return new TestNode(ids.incrementAndGet(), "source", partitions, List.of());
    }

    TestNode map(String operator, Node<?> parent) {
        return new TestNode(ids.incrementAndGet(), operator, parent.numPartitions(), List.of(NarrowDependency.oneToOne(parent)));
    }

    /** A narrow node reading all of its parents one to one (a union-like shape with equal partition counts). */
    TestNode narrowOf(String operator, Node<?>... parents) {
        List<Dependency> deps = new ArrayList<>();
        for (Node<?> parent : parents) {
            deps.add(NarrowDependency.oneToOne(parent));
        }
        return new TestNode(ids.incrementAndGet(), operator, parents[0].numPartitions(), deps);
    }

    ShuffleDependency shuffleOf(Node<?> parent, int reducePartitions) {
        return new ShuffleDependency(parent, shuffleIds.incrementAndGet(), new HashPartitioner(reducePartitions),
                Shape.INSTANCE, null, false, null);
    }

    /** The reduce side of one or more shuffles (the partition count of the first). */
    TestNode shuffled(String operator, ShuffleDependency... dependencies) {
        return new TestNode(ids.incrementAndGet(), operator, dependencies[0].partitioner().numPartitions(),
                List.of(dependencies));
    }

    TestNode shuffled(String operator, Node<?> parent, int reducePartitions) {
        return shuffled(operator, shuffleOf(parent, reducePartitions));
    }

    /** A node reading some parents through shuffles and others one to one. */
    TestNode mixed(String operator, int partitions, Dependency... dependencies) {
        return new TestNode(ids.incrementAndGet(), operator, partitions, List.of(dependencies));
    }

    int nextId() {
        return ids.incrementAndGet();
    }
}
