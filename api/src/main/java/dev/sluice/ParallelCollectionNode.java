package dev.sluice;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A source over an in-memory list, cut into contiguous slices; each task carries only its slice. */
final class ParallelCollectionNode<T> extends Node<T> {
    private static final long serialVersionUID = 1L;
    private final transient List<Slice<T>> slices;
    private final int numSlices;

    ParallelCollectionNode(int id, String callSite, List<T> data, int numSlices) {
        super(id, "parallelize", callSite);
        this.numSlices = numSlices;
        this.slices = new ArrayList<>(numSlices);
        int size = data.size();
        for (int i = 0; i < numSlices; i++) {
            int from = (int) ((long) i * size / numSlices);
            int to = (int) ((long) (i + 1) * size / numSlices);
            slices.add(new Slice<>(i, new ArrayList<>(data.subList(from, to))));
        }
    }

    @Override
    public int numPartitions() {
        return numSlices;
    }

    @Override
    public Partition partition(int index) {
        return slices.get(index);
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition partition, TaskContext context) {
        return ((Slice<T>) partition).data().iterator();
    }

    /** One slice of the list. */
    record Slice<T>(int index, ArrayList<T> data) implements Partition {
    }
}
