package dev.sluice.lineage;

import dev.sluice.Pair;

import dev.sluice.partition.Partitioner;
import dev.sluice.partition.RangePartitioner;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.Runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A range partitioner whose bounds come from sampling the keys of the data to be sorted. The
 * sampling job runs when the sort's stage is prepared (at the first action), not when
 * {@code sortByKey} is called, so building the pipeline stays lazy.
 */
public final class SampledRangePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    /** Sampled keys per output partition, as Spark does: enough to balance skew, small enough to collect. */
    private static final int SAMPLES_PER_PARTITION = 20;
    private final int partitions;
    private final Comparator<Object> ordering;
    private final boolean ascending;
    private volatile RangePartitioner resolved;

    public SampledRangePartitioner(int partitions, Comparator<Object> ordering, boolean ascending) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("Number of partitions must be positive, got " + partitions);
        }
        this.partitions = partitions;
        this.ordering = ordering;
        this.ascending = ascending;
    }

    /** Samples the keys of {@code parent} (a node of pairs) and fixes the bounds; does nothing the second time. */
    synchronized void resolve(Runtime runtime, Node<?> parent) {
        if (resolved != null) {
            return;
        }
        if (partitions == 1 || parent.numPartitions() == 0) {
            resolved = new RangePartitioner(partitions, List.of(), ordering, ascending);
            return;
        }
        int perPartition = (int) Math.min(1_000_000L,
                (3L * SAMPLES_PER_PARTITION * partitions + parent.numPartitions() - 1) / parent.numPartitions());
        int[] all = java.util.stream.IntStream.range(0, parent.numPartitions()).toArray();
        @SuppressWarnings("unchecked")
        Node<Object> records = (Node<Object>) parent;
        List<Sample> samples = runtime.runJob(records, all, sampleKeys(perPartition));
        resolved = new RangePartitioner(partitions, weightedBounds(samples), ordering, ascending);
    }

    /**
     * Bounds at equal steps of cumulative weight, each sampled key weighing as many records as it
     * stands for in its partition; equal keys never become two bounds. A key weighing at least a
     * fair share ({@code total / partitions}) is heavy: it gets a partition of its own (the lighter
     * keys before it are closed into their own partition first), and the lighter keys share the
     * remaining partitions in equal steps, so one hot key does not leave the others crammed into a
     * few partitions while the rest stay nearly empty.
     */
    private List<Object> weightedBounds(List<Sample> samples) {
        record Weighted(Object key, double weight) {
        }
        List<Weighted> candidates = new ArrayList<>();
        double total = 0;
        for (Sample s : samples) {
            double weight = s.keys().isEmpty() ? 0 : (double) s.count() / s.keys().size();
            for (Object key : s.keys()) {
                candidates.add(new Weighted(key, weight));
                total += weight;
            }
        }
        Comparator<Object> nullsFirst = Comparator.nullsFirst(ordering);
        candidates.sort((a, b) -> nullsFirst.compare(a.key(), b.key()));
        // merge equal keys: one candidate per distinct key, with their total weight
        List<Weighted> distinct = new ArrayList<>();
        for (Weighted w : candidates) {
            int last = distinct.size() - 1;
            if (last >= 0 && nullsFirst.compare(distinct.get(last).key(), w.key()) == 0) {
                distinct.set(last, new Weighted(distinct.get(last).key(), distinct.get(last).weight() + w.weight()));
            } else {
                distinct.add(w);
            }
        }
        double fairShare = total / partitions;
        double heavyWeight = 0;
        int heavyKeys = 0;
        for (Weighted w : distinct) {
            if (w.weight() >= fairShare) {
                heavyWeight += w.weight();
                heavyKeys++;
            }
        }
        double step = (total - heavyWeight) / Math.max(1, partitions - heavyKeys);
        List<Object> bounds = new ArrayList<>();
        double run = 0; // weight of the light keys since the last bound
        Weighted previous = null;
        for (Weighted w : distinct) {
            if (bounds.size() >= partitions - 1) {
                break;
            }
            if (w.weight() >= fairShare) {
                if (previous != null && run > 0 && run >= step / 2) {
                    bounds.add(previous.key()); // the light keys before the heavy one
                }
                if (bounds.size() < partitions - 1) {
                    bounds.add(w.key());
                }
                run = 0;
            } else {
                run += w.weight();
                if (run >= step) {
                    bounds.add(w.key());
                    run = 0;
                }
            }
            previous = w;
        }
        return bounds;
    }

    private static PartitionFunction<Object, Sample> sampleKeys(int size) {
        return (context, records) -> reservoir(records, size, context.partitionId());
    }

    private static Sample reservoir(Iterator<Object> records, int size, int seed) {
        ArrayList<Object> keys = new ArrayList<>(Math.min(size, 1024));
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        long seen = 0;
        while (records.hasNext()) {
            Object key = ((Pair<?, ?>) records.next()).key();
            seen++;
            if (keys.size() < size) {
                keys.add(key);
            } else {
                long slot = (long) (random.nextDouble() * seen);
                if (slot < size) {
                    keys.set((int) slot, key);
                }
            }
        }
        return new Sample(seen, keys);
    }

    /** Keys sampled from one partition and how many records that partition had. */
    record Sample(long count, ArrayList<Object> keys) implements java.io.Serializable {
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int partition(Object key) {
        RangePartitioner r = resolved;
        if (r == null) {
            throw new IllegalStateException("Range bounds were not sampled before the shuffle ran");
        }
        return r.partition(key);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        RangePartitioner mine = resolved;
        return mine != null && o instanceof SampledRangePartitioner s && mine.equals(s.resolved);
    }

    @Override
    public int hashCode() {
        return partitions;
    }

    @Override
    public String toString() {
        return "RangePartitioner(" + partitions + (ascending ? ", ascending" : ", descending") + ", sampled)";
    }
}
