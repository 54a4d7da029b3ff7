package dev.sluice.lineage;

import dev.sluice.partition.Partitioner;
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
 * A node over several keyed parents partitioned alike, the base of cogroups and joins: each parent
 * is read in place when it is already partitioned like the result (a narrow dependency), and
 * shuffled otherwise.
 */
public abstract class KeyedInputsNode<T> extends Node<T> {
    private static final long serialVersionUID = 1L;
    private final List<Dependency> dependencies;
    private final Partitioner partitioner;

    KeyedInputsNode(int id, String operator, String callSite, List<? extends Node<?>> parents, Partitioner partitioner,
                    IntSupplier shuffleIds) {
        super(id, operator, callSite);
        this.partitioner = partitioner;
        List<Dependency> deps = new ArrayList<>();
        for (Node<?> parent : parents) {
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
    public final int numPartitions() {
        return partitioner.numPartitions();
    }

    @Override
    public final Partition partition(int index) {
        Partition[] narrow = new Partition[dependencies.size()];
        for (int i = 0; i < narrow.length; i++) {
            if (dependencies.get(i) instanceof NarrowDependency d) {
                narrow[i] = d.parent().partition(index);
            }
        }
        return new Part(index, narrow);
    }

    @Override
    public final List<Dependency> dependencies() {
        return dependencies;
    }

    @Override
    public final Optional<Partitioner> partitioner() {
        return Optional.of(partitioner);
    }

    /** The number of parents. */
    final int inputCount() {
        return dependencies.size();
    }

    /** The records of parent {@code i} for {@code partition}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    final Iterator<Object> read(int i, Partition partition, TaskContext context) {
        Dependency dep = dependencies.get(i);
        return dep instanceof ShuffleDependency shuffle
                ? context.readShuffle(shuffle, partition.index())
                : (Iterator<Object>) ((Node) dep.parent()).iterator(((Part) partition).narrow()[i], context);
    }

    /** The serialized size of parent {@code i}'s share of {@code partition}; -1 when it is read in place or unknown. */
    final long bytes(int i, Partition partition, TaskContext context) {
        return dependencies.get(i) instanceof ShuffleDependency shuffle ? context.shuffleBytes(shuffle, partition.index()) : -1;
    }

    /** A result partition: its index and the partitions of the parents read in place (null for shuffled ones). */
    record Part(int index, Partition[] narrow) implements Partition {
    }
}
