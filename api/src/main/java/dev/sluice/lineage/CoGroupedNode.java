package dev.sluice.lineage;

import dev.sluice.Pair;
import dev.sluice.common.Iterators;
import dev.sluice.common.record.Combiner;
import dev.sluice.partition.Partitioner;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Groups the values of several keyed parents by key: for each key, one list of values per parent.
 * Parents already partitioned by the target partitioner are read in place (narrow); the others are
 * shuffled. Joins are built on this.
 */
public final class CoGroupedNode<K> extends KeyedInputsNode<Pair<K, List<List<Object>>>> {
    private static final long serialVersionUID = 1L;

    public CoGroupedNode(int id, String operator, String callSite, List<? extends Node<? extends Pair<K, ?>>> parents,
                  Partitioner partitioner, IntSupplier shuffleIds) {
        super(id, operator, callSite, parents, partitioner, shuffleIds);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Iterator<Pair<K, List<List<Object>>>> compute(Partition partition, TaskContext context) {
        List<Iterator<Object>> inputs = new ArrayList<>(inputCount());
        for (int i = 0; i < inputCount(); i++) {
            inputs.add(read(i, partition, context));
        }
        return Iterators.map(group(inputs, context), r -> {
            Pair<K, ArrayList<Object>[]> p = (Pair<K, ArrayList<Object>[]>) r;
            return Pair.of(p.key(), (List<List<Object>>) (List) List.of(p.value()));
        });
    }

    /**
     * Groups the keyed records of several inputs by key, spilling when memory is short: one record
     * per key whose value is an array with the list of that key's values from each input.
     */
    static Iterator<Object> group(List<Iterator<Object>> inputs, TaskContext context) {
        List<Iterator<Object>> tagged = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            int tag = i;
            tagged.add(Iterators.map(inputs.get(i), r -> Pair.of(((Pair<?, ?>) r).key(), new Tagged(tag, ((Pair<?, ?>) r).value()))));
        }
        return context.aggregate(Iterators.concat(tagged.iterator()), PairShape.INSTANCE, aggregator(inputs.size()));
    }

    private static Combiner<Object, Object> aggregator(int n) {
        return new Combiner<>(
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
}
