package dev.sluice.executor.task;

import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.ShuffleDependency;

import java.io.Serializable;

/**
 * What every task of a stage needs besides its partition: the stage's last node (with its narrow
 * lineage), and either the shuffle it writes or the action's function. Serialized once per stage
 * and deserialized by each task, so tasks never share user objects.
 *
 * @param node     the stage's last node
 * @param shuffle  the shuffle a map stage writes, else null
 * @param function the action's function for a result stage, else null
 */
public record StageBinary(Node<?> node, ShuffleDependency shuffle, PartitionFunction<?, ?> function) implements Serializable {
}
