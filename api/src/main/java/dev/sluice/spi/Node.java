package dev.sluice.spi;

import dev.sluice.partition.Partitioner;
import dev.sluice.storage.StorageLevel;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable node of a dataset's lineage, as a runtime sees it: its partitions, the
 * dependencies on its parents, an optional partitioner, and how to compute one partition from
 * its parents. A node is serialized into the tasks that compute it; everything it holds must be
 * serializable. The only mutable part is the storage level ({@code cache()}/{@code unpersist()}).
 *
 * @param <T> the record type
 */
public abstract class Node<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int id;
    private final String operator;
    private final String callSite;
    private volatile StorageLevel storageLevel = StorageLevel.NONE;

    /**
     * @param id       unique within the application
     * @param operator what this node does, for plans and errors (e.g. {@code map}, {@code textFile /data})
     * @param callSite where user code created it (e.g. {@code WordCount.java:21}), for plans and errors
     */
    protected Node(int id, String operator, String callSite) {
        this.id = id;
        this.operator = Objects.requireNonNull(operator);
        this.callSite = Objects.requireNonNull(callSite);
    }

    /** Unique id of this node within its application. */
    public final int id() {
        return id;
    }

    /** What this node does, e.g. {@code map} or {@code reduceByKey}. */
    public final String operator() {
        return operator;
    }

    /** Where user code created this node. */
    public final String callSite() {
        return callSite;
    }

    /** Number of partitions. */
    public abstract int numPartitions();

    /** Partition {@code index}, with what a task needs to compute it. */
    public Partition partition(int index) {
        return Partition.of(index);
    }

    /** Edges to the parents, in order. */
    public abstract List<Dependency> dependencies();

    /** How keys are distributed over the partitions, if that is known. */
    public Optional<Partitioner> partitioner() {
        return Optional.empty();
    }

    /** Computes partition {@code partition} from the parents (or the source). */
    protected abstract Iterator<T> compute(Partition partition, TaskContext context);

    /**
     * The records of a partition: from the block manager if this node is persisted and the block
     * exists, otherwise computed (and stored, if persisted). Runtimes and child nodes call this.
     */
    public final Iterator<T> iterator(Partition partition, TaskContext context) {
        if (storageLevel.isPersisted()) {
            return context.getOrCompute(this, partition);
        }
        Iterator<T> records = compute(partition, context);
        return dependencies().isEmpty() ? context.sourceRecords(records) : records;
    }

    /**
     * Pushes the records of a partition into {@code sink}, the same records in the same order as {@link #iterator}
     * returns, with the same counting and caching: a persisted node's block and a source's records are iterated
     * (through the task's counting), any other node {@linkplain #computeInto computes into} the sink. A chain of
     * narrow per-record operators thus runs as one nest of sinks driven by the loop over its source (see
     * ARCHITECTURE.md, "the life of a record"). Runtimes call this for consumers that take every record.
     */
    public final void push(Partition partition, TaskContext context, RecordSink<? super T> sink) {
        if (storageLevel.isPersisted() || dependencies().isEmpty()) {
            drain(iterator(partition, context), sink);
        } else {
            computeInto(partition, context, sink);
        }
    }

    /**
     * Pushes what {@link #compute} returns into {@code sink}. This default iterates {@code compute}; a node whose
     * operator works record by record overrides it to push its parent's records through its operator instead.
     */
    protected void computeInto(Partition partition, TaskContext context, RecordSink<? super T> sink) {
        drain(compute(partition, context), sink);
    }

    private static <T> void drain(Iterator<T> records, RecordSink<? super T> sink) {
        while (records.hasNext()) {
            sink.accept(records.next());
        }
    }

    /** Computes without consulting the block manager; for the runtime's cache-miss path. */
    public final Iterator<T> computeUncached(Partition partition, TaskContext context) {
        return compute(partition, context);
    }

    /**
     * Driver-side work that must happen before tasks of this node can run, such as sampling keys
     * for a range partitioner. Runtimes call it on every node of a job's lineage, parents first,
     * before planning; it may run jobs of its own. Idempotent.
     */
    public void prepare(Runtime runtime) {
    }

    public final StorageLevel storageLevel() {
        return storageLevel;
    }

    /** Sets how computed partitions are kept; {@link StorageLevel#NONE} stops keeping them. */
    public final void storageLevel(StorageLevel level) {
        this.storageLevel = Objects.requireNonNull(level);
    }

    @Override
    public String toString() {
        return operator + "#" + id;
    }
}
