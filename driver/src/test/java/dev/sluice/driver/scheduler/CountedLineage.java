package dev.sluice.driver.scheduler;

import dev.sluice.Pair;
import dev.sluice.common.Iterators;
import dev.sluice.function.SerializableBiFunction;
import dev.sluice.lineage.CoGroupedNode;
import dev.sluice.lineage.MapPartitionsNode;
import dev.sluice.lineage.PairShape;
import dev.sluice.lineage.ParallelCollectionNode;
import dev.sluice.lineage.ShuffledNode;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.common.record.Combiner;
import dev.sluice.function.SerializableBiFunction;
import dev.sluice.function.SerializableBinaryOperator;
import dev.sluice.function.SerializableFunction;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.ShuffleDependency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Small jobs for scheduler tests, made of the api's own lineage nodes; keyed records are {@link Pair}s. The maps
 * and reduce sides count how often their partitions were computed: tasks run deserialized copies of the nodes, so
 * the counts are static and kept by node name.
 */
final class CountedLineage {
    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private CountedLineage() {
    }

    /** How many times partitions of the map or reduce side named {@code name} were computed. */
    static int computed(String name) {
        return counter(name).get();
    }

    private static AtomicInteger counter(String name) {
        return COUNTERS.computeIfAbsent(name, n -> new AtomicInteger());
    }

    private static int nextId() {
        return IDS.incrementAndGet();
    }

    /** The given partitions (all of one size) of an in-memory list, as {@code parallelize} makes them. */
    static Node<Object> source(String name, List<List<Object>> partitions) {
        List<Object> data = new ArrayList<>();
        for (List<Object> partition : partitions) {
            if (partition.size() != partitions.get(0).size()) {
                throw new IllegalArgumentException("parallelize cuts a list into slices of one size");
            }
            data.addAll(partition);
        }
        return new ParallelCollectionNode<>(nextId(), name, data, partitions.size());
    }

    /**
     * A one-to-one map over {@code parent} (a narrow node, pipelined into the parent's task), counting its
     * computations under {@code name}; {@code f} takes the partition index and a record.
     */
    @SuppressWarnings("unchecked")
    static Node<Object> map(String name, Node<?> parent, SerializableBiFunction<Integer, Object, Object> f) {
        return new MapPartitionsNode<>(nextId(), name, "CountedLineage", (Node<Object>) parent, (partition, records) -> {
            counter(name).incrementAndGet();
            return Iterators.map(records, record -> f.apply(partition, record));
        }, false);
    }

    /** The reduce side of {@code dependency} (a {@link ShuffledNode}), counting its computations under {@code name}. */
    static Node<Object> shuffled(String name, ShuffleDependency dependency) {
        return map(name, new ShuffledNode<>(nextId(), "shuffled", name, dependency), (partition, record) -> record);
    }

    /** Sums long values by key, combining them on the map side too. */
    static ShuffleDependency sumByKey(Node<?> parent, int shuffleId, int partitions) {
        Combiner<Object, Object> sum = new Combiner<>((SerializableFunction<Object, Object>) v -> v,
                (SerializableBiFunction<Object, Object, Object>) (c, v) -> (Long) c + (Long) v,
                (SerializableBinaryOperator<Object>) (a, b) -> (Long) a + (Long) b);
        return new ShuffleDependency(parent, shuffleId, new HashPartitioner(partitions), PairShape.INSTANCE, sum, true,
                null);
    }

    /** The values of each key of {@code parents} grouped per parent (a join's shape), on one partition. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Node<Object> cogroup(String name, IntSupplier shuffleIds, Node<?>... parents) {
        return (Node) new CoGroupedNode<>(nextId(), "cogroup", name, (List) List.of(parents), new HashPartitioner(1),
                shuffleIds);
    }

    /** Collects a partition into a list. */
    static PartitionFunction<Object, List<Object>> collect() {
        return (context, records) -> {
            List<Object> out = new ArrayList<>();
            records.forEachRemaining(out::add);
            return out;
        };
    }

    /** A key-value mapping that keys each long by its value modulo 3, with the value 1. */
    static SerializableBiFunction<Integer, Object, Object> byMod3() {
        return (partition, record) -> Pair.of((Long) record % 3, 1L);
    }
}
