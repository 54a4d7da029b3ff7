package dev.sluice;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.PrimitiveMerge;
import dev.sluice.lineage.CoGroupedNode;
import dev.sluice.lineage.JoinedNode;
import dev.sluice.lineage.LocalAggregateNode;
import dev.sluice.lineage.PairShape;
import dev.sluice.lineage.RecordOperators;
import dev.sluice.lineage.SampledRangePartitioner;
import dev.sluice.lineage.ShuffledNode;
import dev.sluice.serial.MethodReferences;

import dev.sluice.function.SerializableBiFunction;
import dev.sluice.function.SerializableBinaryOperator;
import dev.sluice.function.SerializableComparator;
import dev.sluice.function.SerializableFunction;
import dev.sluice.function.SerializablePredicate;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.partition.Partitioner;
import dev.sluice.spi.NaturalKeyOrder;
import dev.sluice.spi.Node;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A dataset of key-value {@link Pair}s, with by-key aggregations, joins and sorting. Aggregations
 * combine on the map side before shuffling; an existing partitioning is reused, so a join of two
 * datasets partitioned the same way adds no shuffle.
 *
 * <p>Over 400 lines on purpose, as {@link Dataset}: one short method per by-key operator, each building lineage.
 *
 * @param <K> key type (null keys are allowed)
 * @param <V> value type (null values are allowed)
 */
public final class PairDataset<K, V> extends Dataset<Pair<K, V>> {

    PairDataset(Sluice sluice, Node<Pair<K, V>> node) {
        super(sluice, node);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> PairDataset<K, V> pairs(Sluice sluice, Node<?> node) {
        return new PairDataset<>(sluice, (Node<Pair<K, V>>) node);
    }

    // ---------------------------------------------------------------- aggregation

    /** Merges the values of each key with {@code op}, in the default number of partitions. */
    public PairDataset<K, V> reduceByKey(SerializableBinaryOperator<V> op) {
        return reduceByKey(op, defaultPartitioner());
    }

    /** Merges the values of each key with {@code op}, into {@code partitions} hash partitions. */
    public PairDataset<K, V> reduceByKey(SerializableBinaryOperator<V> op, int partitions) {
        return reduceByKey(op, new HashPartitioner(checked(partitions)));
    }

    /** Merges the values of each key with {@code op}, partitioned by {@code partitioner}. */
    public PairDataset<K, V> reduceByKey(SerializableBinaryOperator<V> op, Partitioner partitioner) {
        Objects.requireNonNull(op, "op");
        return combine("reduceByKey", v -> v, op::apply, op, partitioner, true, false, reduction(op));
    }

    /** Folds the values of each key into {@code zero} with {@code op}. */
    public PairDataset<K, V> foldByKey(V zero, SerializableBinaryOperator<V> op) {
        return foldByKey(zero, op, defaultPartitioner());
    }

    /** Folds the values of each key into {@code zero} with {@code op}, into {@code partitions} partitions. */
    public PairDataset<K, V> foldByKey(V zero, SerializableBinaryOperator<V> op, int partitions) {
        return foldByKey(zero, op, new HashPartitioner(checked(partitions)));
    }

    private PairDataset<K, V> foldByKey(V zero, SerializableBinaryOperator<V> op, Partitioner partitioner) {
        Objects.requireNonNull(op, "op");
        ZeroValue<V> zeros = ZeroValue.of(zero);
        return combine("foldByKey", v -> op.apply(zeros.get(), v), op::apply, op, partitioner, true);
    }

    /** Aggregates the values of each key: {@code seqOp} folds values into a copy of {@code zero}, {@code combOp} merges. */
    public <U> PairDataset<K, U> aggregateByKey(U zero, SerializableBiFunction<U, V, U> seqOp, SerializableBinaryOperator<U> combOp) {
        return aggregateByKey(zero, seqOp, combOp, defaultPartitioner());
    }

    /** As {@link #aggregateByKey(Object, SerializableBiFunction, SerializableBinaryOperator)} into {@code partitions} partitions. */
    public <U> PairDataset<K, U> aggregateByKey(U zero, SerializableBiFunction<U, V, U> seqOp, SerializableBinaryOperator<U> combOp,
                                                int partitions) {
        return aggregateByKey(zero, seqOp, combOp, new HashPartitioner(checked(partitions)));
    }

    private <U> PairDataset<K, U> aggregateByKey(U zero, SerializableBiFunction<U, V, U> seqOp,
                                                 SerializableBinaryOperator<U> combOp, Partitioner partitioner) {
        Objects.requireNonNull(seqOp, "seqOp");
        Objects.requireNonNull(combOp, "combOp");
        ZeroValue<U> zeros = ZeroValue.of(zero);
        return combine("aggregateByKey", v -> seqOp.apply(zeros.get(), v), seqOp, combOp, partitioner, true);
    }

    /**
     * The general by-key aggregation: {@code create} turns a key's first value into a combiner,
     * {@code mergeValue} adds a value, {@code mergeCombiners} merges two combiners.
     */
    public <C> PairDataset<K, C> combineByKey(SerializableFunction<V, C> create, SerializableBiFunction<C, V, C> mergeValue,
                                              SerializableBinaryOperator<C> mergeCombiners) {
        return combineByKey(create, mergeValue, mergeCombiners, defaultPartitioner());
    }

    /** As {@link #combineByKey(SerializableFunction, SerializableBiFunction, SerializableBinaryOperator)} into {@code partitions} partitions. */
    public <C> PairDataset<K, C> combineByKey(SerializableFunction<V, C> create, SerializableBiFunction<C, V, C> mergeValue,
                                              SerializableBinaryOperator<C> mergeCombiners, int partitions) {
        return combineByKey(create, mergeValue, mergeCombiners, new HashPartitioner(checked(partitions)));
    }

    private <C> PairDataset<K, C> combineByKey(SerializableFunction<V, C> create, SerializableBiFunction<C, V, C> mergeValue,
                                               SerializableBinaryOperator<C> mergeCombiners, Partitioner partitioner) {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(mergeValue, "mergeValue");
        Objects.requireNonNull(mergeCombiners, "mergeCombiners");
        return combine("combineByKey", create, mergeValue, mergeCombiners, partitioner, true);
    }

    /** All values of each key in one list (no map-side combining: prefer {@link #reduceByKey} when you can). */
    public PairDataset<K, List<V>> groupByKey() {
        return groupByKey(defaultPartitioner());
    }

    /** All values of each key in one list, in {@code partitions} partitions. */
    public PairDataset<K, List<V>> groupByKey(int partitions) {
        return groupByKey(new HashPartitioner(checked(partitions)));
    }

    /** All values of each key in one list, partitioned by {@code partitioner}. */
    public PairDataset<K, List<V>> groupByKey(Partitioner partitioner) {
        return combine("groupByKey", PairDataset::singletonList, PairDataset::append, PairDataset::concat, partitioner, false,
                true, null);
    }

    private static <V> List<V> singletonList(V v) {
        List<V> list = new ArrayList<>(4);
        list.add(v);
        return list;
    }

    private static <V> List<V> append(List<V> list, V v) {
        list.add(v);
        return list;
    }

    private static <V> List<V> concat(List<V> a, List<V> b) {
        a.addAll(b);
        return a;
    }

    private <C> PairDataset<K, C> combine(String operator, SerializableFunction<V, C> create,
                                          SerializableBiFunction<C, V, C> mergeValue,
                                          SerializableBinaryOperator<C> mergeCombiners, Partitioner partitioner,
                                          boolean mapSideCombine) {
        return combine(operator, create, mergeValue, mergeCombiners, partitioner, mapSideCombine, false, null);
    }

    /** The sum {@code op} computes, if it is {@code Long::sum} or {@code Double::sum}, so the shuffle may fold unboxed. */
    static PrimitiveMerge reduction(Object op) {
        return MethodReferences.staticTarget(op).flatMap(PrimitiveMerge::ofMethod).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private <C> PairDataset<K, C> combine(String operator, SerializableFunction<V, C> create,
                                          SerializableBiFunction<C, V, C> mergeValue,
                                          SerializableBinaryOperator<C> mergeCombiners, Partitioner partitioner,
                                          boolean mapSideCombine, boolean groupsIntoLists, PrimitiveMerge reduction) {
        Objects.requireNonNull(partitioner, "partitioner");
        Combiner<Object, Object> aggregator = new Combiner<>(
                (SerializableFunction<Object, Object>) (SerializableFunction<?, ?>) create,
                (SerializableBiFunction<Object, Object, Object>) (SerializableBiFunction<?, ?, ?>) mergeValue,
                (SerializableBinaryOperator<Object>) (SerializableBinaryOperator<?>) mergeCombiners, groupsIntoLists,
                reduction);
        String callSite = CallSite.capture();
        sluice.ensureOpen();
        if (node.partitioner().filter(partitioner::equals).isPresent()) {
            return pairs(sluice, new LocalAggregateNode<K, C>(sluice.nextNodeId(), operator, callSite, (Node<Pair<K, Object>>) (Node<?>) node, aggregator));
        }
        return shuffle(operator, callSite, partitioner, aggregator, mapSideCombine, null);
    }

    private <C> PairDataset<K, C> shuffle(String operator, String callSite, Partitioner partitioner,
                                          Combiner<Object, Object> aggregator,
                                          boolean mapSideCombine, Comparator<Object> keyOrdering) {
        ShuffleDependency dependency = new ShuffleDependency(node, sluice.nextShuffleId(), partitioner, PairShape.INSTANCE,
                aggregator, mapSideCombine, keyOrdering);
        return pairs(sluice, sluice.tracked(new ShuffledNode<K, C>(sluice.nextNodeId(), operator, callSite, dependency)));
    }

    /** Redistributes the pairs by {@code partitioner} (no-op if already partitioned that way). */
    public PairDataset<K, V> partitionBy(Partitioner partitioner) {
        return partitionBy(partitioner, "partitionBy");
    }

    PairDataset<K, V> partitionBy(Partitioner partitioner, String operator) {
        Objects.requireNonNull(partitioner, "partitioner");
        if (node.partitioner().filter(partitioner::equals).isPresent()) {
            return this;
        }
        return shuffle(operator, CallSite.capture(), partitioner, null, false, null);
    }

    // ---------------------------------------------------------------- per-value transformations

    /** Applies {@code f} to every value; keeps keys and partitioning. */
    public <U> PairDataset<K, U> mapValues(SerializableFunction<? super V, ? extends U> f) {
        Objects.requireNonNull(f, "f");
        return pairs(sluice, narrowNode("mapValues", RecordOperators.map(kv -> Pair.of(kv.key(), f.apply(kv.value()))), true));
    }

    /** Replaces every value by the values {@code f} returns, each with the same key; keeps partitioning. */
    public <U> PairDataset<K, U> flatMapValues(SerializableFunction<? super V, ? extends Iterable<? extends U>> f) {
        Objects.requireNonNull(f, "f");
        return pairs(sluice, narrowNode("flatMapValues", RecordOperators.mapMulti((Pair<K, V> kv, Consumer<Pair<K, U>> out) -> {
            Iterable<? extends U> values = f.apply(kv.value());
            if (values != null) {
                for (U u : values) {
                    out.accept(Pair.of(kv.key(), u));
                }
            }
        }), true));
    }

    /** The keys. */
    public Dataset<K> keys() {
        return narrow("keys", RecordOperators.map(Pair::key), false);
    }

    /** The values. */
    public Dataset<V> values() {
        return narrow("values", RecordOperators.map(Pair::value), false);
    }

    // ---------------------------------------------------------------- joins

    /** For each key, the list of its values here and the list of its values in {@code other}. */
    public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other) {
        return cogroup(other, defaultPartitioner(other));
    }

    /** As {@link #cogroup(PairDataset)} into {@code partitions} partitions. */
    public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other, int partitions) {
        return cogroup(other, new HashPartitioner(checked(partitions)));
    }

    @SuppressWarnings("unchecked")
    private <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other, Partitioner partitioner) {
        return cogroupWith("cogroup", other, partitioner)
                .mapValues(lists -> Pair.of((List<V>) lists.get(0), (List<W>) lists.get(1)));
    }

    private <W> PairDataset<K, List<List<Object>>> cogroupWith(String operator, PairDataset<K, W> other, Partitioner partitioner) {
        sluice.checkSameContext(other);
        sluice.ensureOpen();
        CoGroupedNode<K> grouped = new CoGroupedNode<>(sluice.nextNodeId(), operator, CallSite.capture(),
                List.of(node, other.node), partitioner, sluice::nextShuffleId);
        return pairs(sluice, sluice.tracked(grouped));
    }

    /** Pairs every value of a key here with every value of the same key in {@code other} (inner join). */
    public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other) {
        return join(other, defaultPartitioner(other));
    }

    /** Inner join into {@code partitions} partitions. */
    public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other, int partitions) {
        return join(other, new HashPartitioner(checked(partitions)));
    }

    private <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other, Partitioner partitioner) {
        return joinWith("join", other, partitioner, false, false);
    }

    /** Every pair here with each matching value of {@code other}, or with an empty Optional when there is none. */
    public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other) {
        return leftOuterJoin(other, defaultPartitioner(other));
    }

    /** Left outer join into {@code partitions} partitions. */
    public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other, int partitions) {
        return leftOuterJoin(other, new HashPartitioner(checked(partitions)));
    }

    private <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other, Partitioner partitioner) {
        return joinWith("leftOuterJoin", other, partitioner, false, true);
    }

    /** Every pair of {@code other} with each matching value here, or with an empty Optional when there is none. */
    public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other) {
        return rightOuterJoin(other, defaultPartitioner(other));
    }

    /** Right outer join into {@code partitions} partitions. */
    public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other, int partitions) {
        return rightOuterJoin(other, new HashPartitioner(checked(partitions)));
    }

    private <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other, Partitioner partitioner) {
        return joinWith("rightOuterJoin", other, partitioner, true, false);
    }

    /** Matches from both sides; a key missing on one side gets an empty Optional there. */
    public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other) {
        return fullOuterJoin(other, defaultPartitioner(other));
    }

    /** Full outer join into {@code partitions} partitions. */
    public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other, int partitions) {
        return fullOuterJoin(other, new HashPartitioner(checked(partitions)));
    }

    private <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other, Partitioner partitioner) {
        return joinWith("fullOuterJoin", other, partitioner, true, true);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <W, A, B> PairDataset<K, Pair<A, B>> joinWith(String operator, PairDataset<K, W> other, Partitioner partitioner,
                                                         boolean leftOptional, boolean rightOptional) {
        sluice.checkSameContext(other);
        sluice.ensureOpen();
        JoinedNode<K> joined = new JoinedNode<>(sluice.nextNodeId(), operator, CallSite.capture(), node, other.node,
                partitioner, sluice::nextShuffleId, leftOptional, rightOptional);
        return (PairDataset) pairs(sluice, sluice.tracked(joined));
    }

    /** The pairs whose key does not occur in {@code other}. */
    @SuppressWarnings("unchecked")
    public <W> PairDataset<K, V> subtractByKey(PairDataset<K, W> other) {
        return this.<W>cogroupWith("subtractByKey", other, defaultPartitioner(other))
                .flatMapValues(lists -> lists.get(1).isEmpty() ? (List<V>) (List<?>) lists.get(0) : List.<V>of());
    }

    // ---------------------------------------------------------------- sorting

    /** Sorted by key (natural order), ascending; partitions are globally ordered. */
    public PairDataset<K, V> sortByKey() {
        return sortByKey(true);
    }

    /** Sorted by key (natural order). Keys must be {@link Comparable}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public PairDataset<K, V> sortByKey(boolean ascending) {
        SerializableComparator<Object> natural = (SerializableComparator) SerializableComparator.naturalOrder();
        return sorted(natural, ascending, Math.max(1, numPartitions()), new NaturalKeyOrder(ascending));
    }

    /** Sorted by key in {@code order}. */
    public PairDataset<K, V> sortByKey(SerializableComparator<K> order, boolean ascending) {
        return sortByKey(order, ascending, Math.max(1, numPartitions())); // a dataset may have no partitions
    }

    /**
     * Sorted by key in {@code order} into {@code partitions} range partitions whose bounds are
     * sampled from the keys (at the first action), so skewed keys still give balanced partitions.
     * Null keys sort first (last when descending).
     */
    @SuppressWarnings("unchecked")
    public PairDataset<K, V> sortByKey(SerializableComparator<K> order, boolean ascending, int partitions) {
        Objects.requireNonNull(order, "order");
        SerializableComparator<Object> raw = (SerializableComparator<Object>) (SerializableComparator<?>) order;
        SerializableComparator<Object> nullsFirst = (a, b) -> a == b ? 0 : a == null ? -1 : b == null ? 1 : raw.compare(a, b);
        return sorted(raw, ascending, partitions, ascending ? nullsFirst : nullsFirst.reversed());
    }

    /** Range-partitioned by {@code order}'s sampled bounds, each partition sorted by {@code keyOrdering}. */
    private PairDataset<K, V> sorted(SerializableComparator<Object> order, boolean ascending, int partitions,
                                     Comparator<Object> keyOrdering) {
        checked(partitions);
        return shuffle("sortByKey", CallSite.capture(), new SampledRangePartitioner(partitions, order, ascending), null,
                false, keyOrdering);
    }

    // ---------------------------------------------------------------- actions

    /** How many pairs each key has. */
    public Map<K, Long> countByKey() {
        return mapValues(v -> 1L).reduceByKey(Long::sum).collectAsMap();
    }

    /** The pairs as a map (for duplicate keys, one of the values wins). Everything must fit in the driver. */
    public Map<K, V> collectAsMap() {
        Map<K, V> map = new HashMap<>();
        for (Pair<K, V> p : collect()) {
            map.put(p.key(), p.value());
        }
        return map;
    }

    /** All values of {@code key}; reads one partition only when the partitioning is known. */
    public List<V> lookup(K key) {
        Optional<Partitioner> partitioner = node.partitioner();
        if (partitioner.isPresent()) {
            int partition = partitioner.get().partition(key);
            return runJob(new int[] {partition}, (c, it) -> {
                ArrayList<V> out = new ArrayList<>();
                it.forEachRemaining(p -> {
                    if (Objects.equals(p.key(), key)) {
                        out.add(p.value());
                    }
                });
                return out;
            }).get(0);
        }
        return filter(p -> Objects.equals(p.key(), key)).values().collect();
    }

    // ---------------------------------------------------------------- Dataset operations that keep pairs

    @Override
    public PairDataset<K, V> filter(SerializablePredicate<? super Pair<K, V>> p) {
        return pairs(sluice, super.filter(p).node);
    }

    @Override
    public PairDataset<K, V> union(Dataset<Pair<K, V>> other) {
        return pairs(sluice, super.union(other).node);
    }

    @Override
    public PairDataset<K, V> sample(boolean withReplacement, double fraction, long seed) {
        return pairs(sluice, super.sample(withReplacement, fraction, seed).node);
    }

    @Override
    public PairDataset<K, V> coalesce(int partitions) {
        return pairs(sluice, super.coalesce(partitions).node);
    }

    @Override
    public PairDataset<K, V> repartition(int partitions) {
        return pairs(sluice, super.repartition(partitions).node);
    }

    @Override
    public PairDataset<K, V> distinct() {
        return pairs(sluice, super.distinct().node);
    }

    @Override
    public PairDataset<K, V> distinct(int partitions) {
        return pairs(sluice, super.distinct(partitions).node);
    }

    @Override
    public PairDataset<K, V> cache() {
        super.cache();
        return this;
    }

    @Override
    public PairDataset<K, V> persist(StorageLevel level) {
        super.persist(level);
        return this;
    }

    @Override
    public PairDataset<K, V> unpersist() {
        super.unpersist();
        return this;
    }

    // ---------------------------------------------------------------- helpers

    /** Spark's rule: reuse the largest existing partitioner among the inputs, else hash by the default or largest count. */
    private Partitioner defaultPartitioner(Dataset<?>... others) {
        List<Dataset<?>> all = new ArrayList<>();
        all.add(this);
        all.addAll(List.of(others));
        Optional<Partitioner> existing = all.stream().map(d -> d.node.partitioner()).flatMap(Optional::stream)
                .max(Comparator.comparingInt(Partitioner::numPartitions));
        if (existing.isPresent()) {
            return existing.get();
        }
        int configured = sluice.config().get(dev.sluice.config.ConfigKeys.DEFAULT_PARALLELISM);
        int largest = all.stream().mapToInt(Dataset::numPartitions).max().orElse(1);
        return new HashPartitioner(configured > 0 ? configured : Math.max(1, largest));
    }

    private static int checked(int partitions) {
        Sluice.requirePositive(partitions, "partitions");
        return partitions;
    }
}
