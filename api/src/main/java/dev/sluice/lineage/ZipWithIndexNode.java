package dev.sluice.lineage;

import dev.sluice.Pair;

import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.TaskContext;

import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pairs each record with its position in the dataset. The start index of every partition comes
 * from a count job that runs when the node is prepared (at the first action), keeping the API lazy.
 */
public final class ZipWithIndexNode<T> extends NarrowNode<T, Pair<T, Long>> {
    private static final long serialVersionUID = 1L;
    private volatile long[] startIndices;

    public ZipWithIndexNode(int id, String callSite, Node<T> parent) {
        super(id, "zipWithIndex", callSite, parent, false);
    }

    @Override
    public synchronized void prepare(Runtime runtime) {
        if (startIndices != null) {
            return;
        }
        int n = parent.numPartitions();
        long[] starts = new long[n];
        if (n > 1) {
            List<Long> counts = runtime.runJob(parent, IntStream.range(0, n - 1).toArray(), (context, records) -> {
                long c = 0;
                for (; records.hasNext(); records.next()) {
                    c++;
                }
                return c;
            });
            for (int i = 1; i < n; i++) {
                starts[i] = starts[i - 1] + counts.get(i - 1);
            }
        }
        startIndices = starts;
    }

    @Override
    protected Iterator<Pair<T, Long>> compute(Partition partition, TaskContext context) {
        long[] starts = startIndices;
        if (starts == null) {
            throw new IllegalStateException("zipWithIndex offsets were not computed before its tasks ran");
        }
        Iterator<T> records = parent.iterator(partition, context);
        return new Iterator<>() {
            private long next = starts[partition.index()];

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Pair<T, Long> next() {
                return Pair.of(records.next(), next++);
            }
        };
    }
}
