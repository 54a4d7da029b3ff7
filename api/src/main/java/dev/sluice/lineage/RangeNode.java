package dev.sluice.lineage;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A source of consecutive longs, cut into contiguous ranges. */
public final class RangeNode extends Node<Long> {
    private static final long serialVersionUID = 1L;
    private final long start;
    private final long end;
    private final int partitions;

    public RangeNode(int id, String callSite, long start, long end, int partitions) {
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
        return new Span(index, boundary(index), boundary(index + 1));
    }

    /** Start of partition {@code index}: exact even for ranges wider than {@code Long.MAX_VALUE}. */
    private long boundary(int index) {
        if (end <= start) {
            return start;
        }
        BigInteger size = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
        return BigInteger.valueOf(start)
                .add(size.multiply(BigInteger.valueOf(index)).divide(BigInteger.valueOf(partitions)))
                .longValueExact();
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
