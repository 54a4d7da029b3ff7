package dev.sluice;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A source of consecutive longs, cut into contiguous ranges. */
final class RangeNode extends Node<Long> {
    private static final long serialVersionUID = 1L;
    private final long start;
    private final long end;
    private final int partitions;

    RangeNode(int id, String callSite, long start, long end, int partitions) {
        super(id, "range [" + start + ", " + end + ")", callSite);
        this.start = start;
        this.end = end;
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public Partition partition(int index) {
        long size = Math.max(0, end - start);
        long from = start + (long) (((double) index / partitions) * size);
        long to = index == partitions - 1 ? Math.max(start, end) : start + (long) (((double) (index + 1) / partitions) * size);
        return new Span(index, from, to);
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of();
    }

    @Override
    protected Iterator<Long> compute(Partition partition, TaskContext context) {
        Span span = (Span) partition;
        return new Iterator<>() {
            private long next = span.from();

            @Override
            public boolean hasNext() {
                return next < span.to();
            }

            @Override
            public Long next() {
                if (next >= span.to()) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    /** The half-open range of one partition. */
    record Span(int index, long from, long to) implements Partition {
    }
}
