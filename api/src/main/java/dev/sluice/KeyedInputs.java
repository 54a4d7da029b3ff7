package dev.sluice;

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
import java.util.function.IntSupplier;

/**
 * The keyed parents of a cogroup or a join: each is read in place when it is already partitioned
 * like the result (a narrow dependency), and shuffled otherwise.
 */
final class KeyedInputs {
    private KeyedInputs() {
    }

    /** One dependency per parent, in order. */
    static List<Dependency> dependencies(List<? extends Node<?>> parents, Partitioner partitioner, IntSupplier shuffleIds) {
        List<Dependency> deps = new ArrayList<>();
        for (Node<?> parent : parents) {
            if (parent.partitioner().filter(partitioner::equals).isPresent()) {
                deps.add(NarrowDependency.oneToOne(parent));
            } else {
                deps.add(new ShuffleDependency(parent, shuffleIds.getAsInt(), partitioner, PairShape.INSTANCE,
                        null, false, null));
            }
        }
        return List.copyOf(deps);
    }

    /** Partition {@code index} of the result, carrying the partitions of the parents read in place. */
    static Partition partition(List<Dependency> dependencies, int index) {
        Partition[] narrow = new Partition[dependencies.size()];
        for (int i = 0; i < narrow.length; i++) {
            if (dependencies.get(i) instanceof NarrowDependency d) {
                narrow[i] = d.parent().partition(index);
            }
        }
        return new Part(index, narrow);
    }

    /** The records of parent {@code i} for {@code partition}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Iterator<Object> read(List<Dependency> dependencies, int i, Partition partition, TaskContext context) {
        Dependency dep = dependencies.get(i);
        return dep instanceof ShuffleDependency shuffle
                ? context.readShuffle(shuffle, partition.index())
                : (Iterator<Object>) ((Node) dep.parent()).iterator(((Part) partition).narrow()[i], context);
    }

    /** The serialized size of parent {@code i}'s share of {@code partition}, or -1 when it is read in place or unknown. */
    static long bytes(List<Dependency> dependencies, int i, Partition partition, TaskContext context) {
        return dependencies.get(i) instanceof ShuffleDependency shuffle ? context.shuffleBytes(shuffle, partition.index()) : -1;
    }

    /** A result partition: its index and the partitions of the parents read in place (null for shuffled ones). */
    record Part(int index, Partition[] narrow) implements Partition {
    }
}
