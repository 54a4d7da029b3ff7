package dev.sluice.driver.scheduler;

import dev.sluice.TaskNotSerializableException;
import dev.sluice.executor.task.StageBinary;
import dev.sluice.planner.Stage;
import dev.sluice.serial.JavaSerialization;
import dev.sluice.serial.SerializationDebugger;
import dev.sluice.spi.PartitionFunction;

/**
 * Serializes what a stage's tasks need, once per stage. A failure is reported with the path from
 * the stage to the object that cannot be serialized, before any task of the job runs.
 */
final class StageSerializer {
    private StageSerializer() {
    }

    static byte[] serialize(Stage stage, PartitionFunction<?, ?> function) {
        StageBinary binary = new StageBinary(stage.node(), stage.output().orElse(null), stage.isShuffleMap() ? null : function);
        try {
            return JavaSerialization.serialize(binary);
        } catch (RuntimeException e) {
            String path = SerializationDebugger.findNotSerializablePath(binary).orElse(String.valueOf(rootMessage(e)));
            throw new TaskNotSerializableException("Task not serializable: " + stage + " cannot be shipped to executors: "
                    + path, e);
        }
    }

    static byte[] serializePartition(Stage stage, int partition) {
        Object p = stage.node().partition(partition);
        try {
            return JavaSerialization.serialize(p);
        } catch (RuntimeException e) {
            String path = SerializationDebugger.findNotSerializablePath(p).orElse(String.valueOf(rootMessage(e)));
            throw new TaskNotSerializableException("Partition " + partition + " of " + stage
                    + " cannot be shipped to executors (source data must be Serializable): " + path, e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
