package dev.sluice;

import dev.sluice.partition.Partitioner;
import dev.sluice.spi.Aggregator;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.NarrowDependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Groups the values of several keyed parents by key: for each key, one list of values per parent.
 * Parents already partitioned by the target partitioner are read in place (narrow); the others are
 * shuffled. Joins are built on this.
 */
final class CoGroupedNode<K> extends Node<Pair<K, List<List<Object>>>> {
    private static final long serialVersionUID = 1L;
    private final List<Dependency> dependencies;
    private final Partitioner partitioner;

    CoGroupedNode(int id, String operator, String callSite, List<? extends Node<? extends Pair<K, ?>>> parents,
                  Partitioner partitioner, IntSupplier shuffleIds) {
        super(id, operator, callSite);
        this.partitioner = partitioner;
        List<Dependency> deps = new ArrayList<>();
        for (Node<? extends Pair<K, ?>> parent : parents) {
            if (parent.partitioner().filter(partitioner::equals).isPresent()) {
                deps.add(NarrowDependency.oneToOne(parent));
            } else {
                deps.add(new ShuffleDependency(parent, shuffleIds.getAsInt(), partitioner, PairShape.INSTANCE,
                        null, false, null));
            }
        }
        this.dependencies = List.copyOf(deps);
    }

    @Override
    public int numPartitions() {
        return partitioner.numPartitions();
    }

    @Override
    public Partition partition(int index) {
        Partition[] narrow = new Partition[dependencies.size()];
        for (int i = 0; i < narrow.length; i++) {
            if (dependencies.get(i) instanceof NarrowDependency d) {
                narrow[i] = d.parent().partition(index);
            }
        }
        return new Part(index, narrow);
    }

    @Override
    public List<Dependency> dependencies() {
        return dependencies;
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return Optional.of(partitioner);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Iterator<Pair<K, List<List<Object>>>> compute(Partition partition, TaskContext context) {
        int n = dependencies.size();
        List<Iterator<Object>> tagged = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Dependency dep = dependencies.get(i);
            Iterator<Object> records = dep instanceof ShuffleDependency shuffle
                    ? context.readShuffle(shuffle, partition.index())
                    : (Iterator<Object>) ((Node) dep.parent()).iterator(((Part) partition).narrow()[i], context);
            int tag = i;
            tagged.add(Iterators.map(records, r -> Pair.of(((Pair<?, ?>) r).key(), new Tagged(tag, ((Pair<?, ?>) r).value()))));
        }
        Iterator<Object> grouped = context.aggregate(Iterators.concat(tagged.iterator()), PairShape.INSTANCE, aggregator(n));
        return Iterators.map(grouped, r -> {
            Pair<K, ArrayList<Object>[]> p = (Pair<K, ArrayList<Object>[]>) r;
            return Pair.of(p.key(), (List<List<Object>>) (List) List.of(p.value()));
        });
    }

    private static Aggregator aggregator(int n) {
        return new Aggregator(
                t -> add(newLists(n), (Tagged) t),
                (lists, t) -> add(lists, (Tagged) t),
                CoGroupedNode::mergeLists);
    }

    @SuppressWarnings("unchecked")
    private static ArrayList<Object>[] newLists(int n) {
        ArrayList<Object>[] lists = new ArrayList[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new ArrayList<>(2);
        }
        return lists;
    }

    @SuppressWarnings("unchecked")
    private static Object add(Object lists, Tagged t) {
        ((ArrayList<Object>[]) lists)[t.tag()].add(t.value());
        return lists;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeLists(Object a, Object b) {
        ArrayList<Object>[] left = (ArrayList<Object>[]) a;
        ArrayList<Object>[] right = (ArrayList<Object>[]) b;
        for (int i = 0; i < left.length; i++) {
            left[i].addAll(right[i]);
        }
        return left;
    }

    /** A value and the index of the parent it came from. */
    record Tagged(int tag, Object value) {
    }

    /** A cogroup partition carries the partitions of the parents it reads in place. */
    record Part(int index, Partition[] narrow) implements Partition {
    }
}
