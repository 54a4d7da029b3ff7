package dev.sluice.shuffle.read;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.sort.ExternalAggregator;
import dev.sluice.shuffle.sort.ExternalGrouper;
import dev.sluice.shuffle.sort.ExternalSorter;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The reduce side of a shuffle for one task, composed in one place: fetch the partition's blocks, combine values by
 * key (or group them into lists), and sort by key, each step only when the shuffle asks for it. Every spilling
 * collection it makes is a consumer of the task's memory and is handed to {@code onTaskEnd}, which closes it when
 * the task ends, whatever happens. The executor's task context is a thin adapter over this class.
 */
public final class ReduceSide {

    /**
     * What the reduce side does with the fetched records.
     *
     * @param shape              how records split into key and value
     * @param combiner           how values of a key are combined; null for none
     * @param valuesAreCombiners the map side combined already: the fetched values are partial combiners
     * @param keyOrdering        sort by this order; null for no sort
     * @param keyPrefix          a long prefix that agrees with {@code keyOrdering}, for radix sorting; null for none
     */
    public record Spec(RecordShape<Object, Object, Object> shape, Combiner<Object, Object> combiner,
                       boolean valuesAreCombiners, Comparator<Object> keyOrdering, KeyPrefix keyPrefix) {
        /** Checks that the shape is given and partial combiners come with a combiner. */
        public Spec {
            Objects.requireNonNull(shape, "shape");
            if (valuesAreCombiners && combiner == null) {
                throw new IllegalArgumentException("Partial combiners need a combiner to merge them");
            }
        }
    }

    private final LocalDirectory dirs;
    private final Serializer serializer;
    private final TaskMemory memory;
    private final ShuffleMetricsListener metrics;
    private final Consumer<AutoCloseable> onTaskEnd;

    /**
     * @param onTaskEnd takes every collection this makes, to close it when the task ends
     */
    public ReduceSide(LocalDirectory dirs, Serializer serializer, TaskMemory memory, ShuffleMetricsListener metrics,
                      Consumer<AutoCloseable> onTaskEnd) {
        this.dirs = Objects.requireNonNull(dirs, "dirs");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.onTaskEnd = Objects.requireNonNull(onTaskEnd, "onTaskEnd");
    }

    /** The records of one reduce partition: {@code blocks} fetched, then combined and sorted as {@code spec} says. */
    public Iterator<Object> read(ShuffleBlockFetcher fetcher, List<ShuffleBlockId> blocks, Spec spec) {
        Iterator<Object> records = ShuffleReader.read(fetcher, blocks, serializer, spec.shape(), metrics);
        if (spec.combiner() != null) {
            records = combine(records, spec.shape(), spec.combiner(), spec.valuesAreCombiners());
        }
        if (spec.keyOrdering() != null) {
            records = sort(records, spec.shape(), spec.keyOrdering(), spec.keyPrefix());
        }
        return records;
    }

    /**
     * Every distinct key once with its values combined: through an {@link ExternalGrouper} when the combiner groups
     * into lists (and the values are not partial lists already), else through an {@link ExternalAggregator}.
     */
    public Iterator<Object> combine(Iterator<Object> records, RecordShape<Object, Object, Object> shape,
                                    Combiner<Object, Object> combiner, boolean valuesAreCombiners) {
        if (combiner.groupsIntoLists() && !valuesAreCombiners) {
            return group(records, shape);
        }
        ExternalAggregator<Object, Object, Object> map = new ExternalAggregator<>(combiner, dirs, serializer, memory,
                metrics);
        onTaskEnd.accept(map);
        if (valuesAreCombiners) {
            map.insertAllCombiners(records, shape);
        } else {
            map.insertAllValues(records, shape);
        }
        return map.iterator(shape);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Iterator<Object> group(Iterator<Object> records, RecordShape<Object, Object, Object> shape) {
        ExternalGrouper<Object, Object> grouper = new ExternalGrouper<>(dirs, serializer, memory, metrics);
        onTaskEnd.accept(grouper);
        grouper.insertAll(records, shape);
        return grouper.iterator((RecordShape) shape); // the values come out as lists
    }

    /** The records sorted by key, spilling sorted runs when memory is refused. */
    public Iterator<Object> sort(Iterator<Object> records, RecordShape<Object, Object, Object> shape,
                                 Comparator<Object> ordering, KeyPrefix prefix) {
        ExternalSorter<Object, Object> sorter = new ExternalSorter<>(ordering, prefix, dirs, serializer, memory,
                metrics);
        onTaskEnd.accept(sorter);
        sorter.insertAll(records, shape);
        return sorter.sortedIterator(shape);
    }
}
