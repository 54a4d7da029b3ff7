package dev.sluice.partition;

/** Spreads keys by their {@code hashCode()}; the null key goes to partition 0. */
public final class HashPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    public HashPartitioner(int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("Number of partitions must be positive, got " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int partition(Object key) {
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashPartitioner h && h.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }

    @Override
    public String toString() {
        return "HashPartitioner(" + partitions + ")";
    }
}
