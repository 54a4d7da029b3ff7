package dev.sluice;

import dev.sluice.lineage.CoalesceNode;
import dev.sluice.lineage.MapPartitionsNode;
import dev.sluice.lineage.PartitionTransform;
import dev.sluice.lineage.RecordOperator;
import dev.sluice.lineage.RecordOperators;
import dev.sluice.lineage.UnionNode;
import dev.sluice.lineage.ZipWithIndexNode;

import dev.sluice.function.SerializableBiConsumer;
import dev.sluice.function.SerializableBiFunction;
import dev.sluice.function.SerializableBinaryOperator;
import dev.sluice.function.SerializableComparator;
import dev.sluice.function.SerializableConsumer;
import dev.sluice.function.SerializableFunction;
import dev.sluice.function.SerializablePredicate;
import dev.sluice.io.TextOutputCommitter;
import dev.sluice.partition.HashPartitioner;
import dev.sluice.plan.ExecutionPlan;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.storage.StorageLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A lazy, partitioned, immutable collection of records. Transformations ({@link #map},
 * {@link #filter}, …) only build lineage; actions ({@link #count}, {@link #collect}, …) run a job.
 * Functions passed in are serialized into tasks, so everything they capture must be serializable.
 *
 * <p>Over 400 lines on purpose: it is the fluent API, one short method per operator, so that a program finds every
 * operator on the type it holds (as Spark's {@code RDD}); each method only builds a {@code dev.sluice.lineage}
 * node, and the work is in those nodes.
 *
 * @param <T> the record type
 */
public class Dataset<T> {
    final Sluice sluice;
    final Node<T> node;

    Dataset(Sluice sluice, Node<T> node) {
        this.sluice = sluice;
        this.node = node;
    }

    // ---------------------------------------------------------------- narrow transformations

    /** Applies {@code f} to every record. */
    public <R> Dataset<R> map(SerializableFunction<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return narrow("map", RecordOperators.map(f), false);
    }

    /** Keeps the records for which {@code p} holds. */
    public Dataset<T> filter(SerializablePredicate<? super T> p) {
        Objects.requireNonNull(p, "p");
        return narrow("filter", RecordOperators.filter(p), true);
    }

    /** Replaces every record by the records {@code f} returns (null counts as none). */
    public <R> Dataset<R> flatMap(SerializableFunction<? super T, ? extends Iterable<? extends R>> f) {
        Objects.requireNonNull(f, "f");
        return narrow("flatMap", RecordOperators.flatMap(f), false);
    }

    /**
     * Replaces every record by the records {@code f} passes to its consumer, without allocating a
     * collection per record (as {@link java.util.stream.Stream#mapMulti}).
     */
    public <R> Dataset<R> mapMulti(SerializableBiConsumer<? super T, ? super Consumer<R>> f) {
        Objects.requireNonNull(f, "f");
        return narrow("mapMulti", RecordOperators.mapMulti(f), false);
    }

    /** Transforms each partition's iterator as a whole. */
    public <R> Dataset<R> mapPartitions(SerializableFunction<Iterator<T>, Iterator<R>> f) {
        Objects.requireNonNull(f, "f");
        return narrow("mapPartitions", (p, in) -> f.apply(in), false);
    }

    /** Transforms each partition's iterator, knowing the partition's index. */
    public <R> Dataset<R> mapPartitionsWithIndex(SerializableBiFunction<Integer, Iterator<T>, Iterator<R>> f) {
        Objects.requireNonNull(f, "f");
        return narrow("mapPartitionsWithIndex", f::apply, false);
    }

    /** The records of this dataset followed by those of {@code other} (duplicates kept). */
    public Dataset<T> union(Dataset<T> other) {
        sluice.checkSameContext(other);
        return sluice.wrap(new UnionNode<>(sluice.nextNodeId(), CallSite.capture(), List.of(node, other.node)));
    }

    /**
     * A sample of the records: each kept with probability {@code fraction} (without replacement), or
     * drawn a Poisson({@code fraction}) number of times (with replacement). Same seed, same sample.
     */
    public Dataset<T> sample(boolean withReplacement, double fraction, long seed) {
        if (fraction < 0 || (!withReplacement && fraction > 1) || Double.isNaN(fraction)) {
            throw new IllegalArgumentException("Sample fraction must be in [0, 1] without replacement and >= 0 with it, got "
                    + fraction);
        }
        return narrow("sample", Sampling.operator(withReplacement, fraction, seed), true);
    }

    /** Zips every record with its position in the dataset (runs a count job first when there are several partitions). */
    public PairDataset<T, Long> zipWithIndex() {
        return new PairDataset<>(sluice, new ZipWithIndexNode<>(sluice.nextNodeId(), CallSite.capture(), node));
    }

    /** Pairs every record with the key {@code f} computes for it. */
    public <K> PairDataset<K, T> keyBy(SerializableFunction<? super T, ? extends K> f) {
        Objects.requireNonNull(f, "f");
        return new PairDataset<>(sluice, narrowNode("keyBy", RecordOperators.map(t -> Pair.of(f.apply(t), t)), false));
    }

    /** Turns every record into a key-value pair. */
    public <K, V> PairDataset<K, V> mapToPair(SerializableFunction<? super T, Pair<K, V>> f) {
        Objects.requireNonNull(f, "f");
        return new PairDataset<>(sluice, narrowNode("mapToPair", RecordOperators.map(f), false));
    }

    /** Fewer partitions, without a shuffle (neighbouring partitions are concatenated). */
    public Dataset<T> coalesce(int partitions) {
        Sluice.requirePositive(partitions, "partitions");
        return sluice.wrap(new CoalesceNode<>(sluice.nextNodeId(), CallSite.capture(), node, partitions));
    }

    // ---------------------------------------------------------------- shuffling transformations

    /** Exactly {@code partitions} partitions of about equal size, by a shuffle. */
    public Dataset<T> repartition(int partitions) {
        Sluice.requirePositive(partitions, "partitions");
        PairDataset<Integer, T> spread = new PairDataset<>(sluice, narrowNode("repartition",
                RecordOperators.perPartition(p -> roundRobin(p, partitions)), false));
        return spread.partitionBy(new HashPartitioner(partitions), "repartition(" + partitions + ")").values();
    }

    /** Keys that count up from a random start in each partition. */
    private static <T> RecordOperator<T, Pair<Integer, T>> roundRobin(int partition, int partitions) {
        int[] position = {new Random(partition).nextInt(partitions)};
        return RecordOperators.map(t -> Pair.of(position[0]++ % partitions, t));
    }

    /** The distinct records (by {@code equals}), in as many partitions as this dataset has. */
    public Dataset<T> distinct() {
        return distinct(Math.max(1, numPartitions()));
    }

    /** The distinct records (by {@code equals}), in {@code partitions} partitions. */
    public Dataset<T> distinct(int partitions) {
        PairDataset<T, Object> keyed = new PairDataset<>(sluice,
                narrowNode("distinct", RecordOperators.map(t -> Pair.of(t, null)), false));
        return keyed.reduceByKey((a, b) -> a, partitions).keys();
    }

    /** Sorted by a {@link Comparable} key, ascending. */
    public <K extends Comparable<? super K>> Dataset<T> sortBy(SerializableFunction<? super T, ? extends K> keyFn) {
        return sortBy(keyFn, SerializableComparator.<K>naturalOrder(), true);
    }

    /** Sorted by the key {@code keyFn} extracts, in {@code order}, ascending or descending. */
    public <K> Dataset<T> sortBy(SerializableFunction<? super T, ? extends K> keyFn, SerializableComparator<? super K> order,
                                 boolean ascending) {
        return sortBy(keyFn, order, ascending, Math.max(1, numPartitions())); // a dataset may have no partitions
    }

    /** Sorted by the key {@code keyFn} extracts into {@code partitions} range partitions. */
    public <K> Dataset<T> sortBy(SerializableFunction<? super T, ? extends K> keyFn, SerializableComparator<? super K> order,
                                 boolean ascending, int partitions) {
        Objects.requireNonNull(keyFn, "keyFn");
        Objects.requireNonNull(order, "order");
        PairDataset<K, T> keyed = keyBy(keyFn);
        @SuppressWarnings("unchecked")
        SerializableComparator<K> ordering = (SerializableComparator<K>) order;
        return keyed.sortByKey(ordering, ascending, partitions).values();
    }

    // ---------------------------------------------------------------- persistence

    /**
     * Keeps computed partitions in memory for later actions, serialized ({@link StorageLevel#MEMORY_ONLY_SER}).
     * Unlike Spark's {@code cache()}, which keeps objects, the default is bytes: a few bytes per field instead
     * of an object header per value, nothing for the garbage collector to trace or copy, and no way for a later
     * function to change the cached data by mutating a record. On the benchmark's joined rows this was faster to
     * fill and faster to read back than objects; {@code persist(StorageLevel.MEMORY_ONLY)} keeps objects.
     */
    public Dataset<T> cache() {
        return persist(StorageLevel.MEMORY_ONLY_SER);
    }

    /** Keeps computed partitions at {@code level} for later actions. */
    public Dataset<T> persist(StorageLevel level) {
        Objects.requireNonNull(level, "level");
        sluice.ensureOpen();
        node.storageLevel(level);
        return this;
    }

    /** Stops keeping computed partitions and frees the kept ones. */
    public Dataset<T> unpersist() {
        node.storageLevel(StorageLevel.NONE);
        sluice.runtime().unpersist(node);
        return this;
    }

    /** The current storage level. */
    public StorageLevel storageLevel() {
        return node.storageLevel();
    }

    // ---------------------------------------------------------------- actions

    /** All records, in partition order. Everything must fit in the driver's memory. */
    public List<T> collect() {
        List<ArrayList<T>> parts = runJob(allPartitions(), Actions.collect());
        int size = parts.stream().mapToInt(List::size).sum();
        List<T> all = new ArrayList<>(size);
        parts.forEach(all::addAll);
        return all;
    }

    /** The number of records. */
    public long count() {
        return runJob(allPartitions(), Actions.<T>count()).stream().mapToLong(Long::longValue).sum();
    }

    /** The first record; {@link NoSuchElementException} if the dataset is empty. */
    public T first() {
        List<T> one = take(1);
        if (one.isEmpty()) {
            throw new NoSuchElementException("first() of an empty dataset (" + node.operator() + " at " + node.callSite() + ")");
        }
        return one.get(0);
    }

    /** The first {@code n} records, reading as few partitions as it can (one, then four times more each round). */
    public List<T> take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("take(n) needs n >= 0, got " + n);
        }
        List<T> taken = new ArrayList<>(Math.min(n, 1024));
        int total = numPartitions();
        int scanned = 0;
        int batch = 1;
        while (taken.size() < n && scanned < total) {
            int[] parts = IntStream.range(scanned, Math.min(total, scanned + batch)).toArray();
            int wanted = n - taken.size();
            for (List<T> part : runJob(parts, (c, it) -> {
                ArrayList<T> out = new ArrayList<>();
                while (out.size() < wanted && it.hasNext()) {
                    out.add(it.next());
                }
                return out;
            })) {
                for (T t : part) {
                    if (taken.size() < n) {
                        taken.add(t);
                    }
                }
            }
            scanned += parts.length;
            batch *= 4;
        }
        return taken;
    }

    /** The {@code n} largest records by {@code order}, largest first. */
    public List<T> top(int n, SerializableComparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        return takeOrdered(n, (a, b) -> order.compare(b, a));
    }

    /** The {@code n} smallest records by {@code order}, smallest first. */
    public List<T> takeOrdered(int n, SerializableComparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        if (n < 0) {
            throw new IllegalArgumentException("takeOrdered(n) needs n >= 0, got " + n);
        }
        if (n == 0) {
            return List.of();
        }
        List<ArrayList<T>> smallest = runJob(allPartitions(), Actions.smallest(n, order));
        List<T> merged = new ArrayList<>();
        smallest.forEach(merged::addAll);
        merged.sort(order);
        return new ArrayList<>(merged.subList(0, Math.min(n, merged.size())));
    }

    /** Combines all records with an associative, commutative {@code op}; fails on an empty dataset. */
    public T reduce(SerializableBinaryOperator<T> op) {
        Objects.requireNonNull(op, "op");
        List<ArrayList<T>> partials = runJob(allPartitions(), Actions.reduce(op));
        T acc = null;
        boolean any = false;
        for (ArrayList<T> p : partials) {
            for (T t : p) {
                acc = any ? op.apply(acc, t) : t;
                any = true;
            }
        }
        if (!any) {
            throw new NoSuchElementException("reduce() of an empty dataset (" + node.operator() + " at " + node.callSite()
                    + "); use fold() to give a value for the empty case");
        }
        return acc;
    }

    /** Folds every partition from {@code zero} with {@code op}, then folds the partial results from {@code zero}. */
    public T fold(T zero, SerializableBinaryOperator<T> op) {
        Objects.requireNonNull(op, "op");
        ZeroValue<T> zeros = ZeroValue.of(zero);
        List<T> partials = runJob(allPartitions(), Actions.<T, T>fold(zeros, op));
        T acc = zeros.get();
        for (T p : partials) {
            acc = op.apply(acc, p);
        }
        return acc;
    }

    /** Aggregates each partition with {@code seqOp} from {@code zero}, then merges the partials with {@code combOp}. */
    public <U> U aggregate(U zero, SerializableBiFunction<U, ? super T, U> seqOp, SerializableBinaryOperator<U> combOp) {
        Objects.requireNonNull(seqOp, "seqOp");
        Objects.requireNonNull(combOp, "combOp");
        ZeroValue<U> zeros = ZeroValue.of(zero);
        List<U> partials = runJob(allPartitions(), Actions.fold(zeros, seqOp));
        U acc = zeros.get();
        for (U p : partials) {
            acc = combOp.apply(acc, p);
        }
        return acc;
    }

    /** Runs {@code action} on every record, inside the tasks. */
    public void foreach(SerializableConsumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        runJob(allPartitions(), Actions.foreach(action));
    }

    /** Runs {@code action} on every partition's iterator, inside the tasks. */
    public void foreachPartition(SerializableConsumer<Iterator<T>> action) {
        Objects.requireNonNull(action, "action");
        runJob(allPartitions(), (c, it) -> {
            action.accept(it);
            return null;
        });
    }

    /** How many times each distinct record occurs. */
    public Map<T, Long> countByValue() {
        return new PairDataset<T, Long>(sluice, narrowNode("countByValue", RecordOperators.map(t -> Pair.of(t, 1L)), false))
                .countByKey();
    }

    /**
     * Writes one text file per partition ({@code part-00000}, …, one line per record's
     * {@code toString()}) and a {@code _SUCCESS} marker, through a commit protocol: the directory
     * appears complete or not at all. Fails at once if {@code path} exists.
     */
    public void saveAsTextFile(String path) {
        saveAsTextFile(path, WriteMode.ERROR_IF_EXISTS);
    }

    /** As {@link #saveAsTextFile(String)}; with {@link WriteMode#OVERWRITE} an existing directory is replaced on success. */
    public void saveAsTextFile(String path, WriteMode mode) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
        sluice.ensureOpen();
        TextOutputCommitter committer = TextOutputCommitter.setUp(Path.of(path), mode == WriteMode.OVERWRITE,
                sluice.appId() + "-" + node.id() + "-" + System.nanoTime());
        boolean committed = false;
        try {
            runJob(allPartitions(), (c, it) -> {
                committer.writePartition(c.partitionId(), c.attemptNumber(), it);
                return null;
            });
            committer.commitJob();
            committed = true;
        } finally {
            if (!committed) {
                committer.abortJob();
            }
        }
    }

    // ---------------------------------------------------------------- inspection

    /** The number of partitions. */
    public int numPartitions() {
        return node.numPartitions();
    }

    /**
     * A readable plan: the stages a job over this dataset would run (the last one first), the
     * operators each pipelines with partition counts and call sites, the shuffles between them and
     * what is cached. Runs nothing; the text of {@link #executionPlan()}.
     */
    public String explain() {
        return executionPlan().toText();
    }

    /** The plan that {@link #explain()} prints, as values for tools that draw or inspect it. Runs nothing. */
    public ExecutionPlan executionPlan() {
        return sluice.runtime().explain(node);
    }

    /** The Sluice context this dataset belongs to. */
    public Sluice context() {
        return sluice;
    }

    /** The lineage node behind this dataset, for runtimes and tools. */
    public Node<T> node() {
        return node;
    }

    @Override
    public String toString() {
        return node.operator() + " at " + node.callSite() + " [" + numPartitions() + " partitions]";
    }

    // ---------------------------------------------------------------- helpers

    <R> Dataset<R> narrow(String operator, PartitionTransform<T, R> transform, boolean preservesPartitioning) {
        return sluice.wrap(narrowNode(operator, transform, preservesPartitioning));
    }

    <R> Node<R> narrowNode(String operator, PartitionTransform<T, R> transform, boolean preservesPartitioning) {
        sluice.ensureOpen();
        return new MapPartitionsNode<>(sluice.nextNodeId(), operator, CallSite.capture(), node, transform, preservesPartitioning);
    }

    <U> List<U> runJob(int[] partitions, PartitionFunction<T, U> function) {
        return sluice.runtime().runJob(node, partitions, function);
    }

    int[] allPartitions() {
        return IntStream.range(0, numPartitions()).toArray();
    }

}
