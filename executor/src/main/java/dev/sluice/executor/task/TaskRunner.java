package dev.sluice.executor.task;

import dev.sluice.serial.JavaSerialization;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.write.ShuffleMapWriter;
import dev.sluice.shuffle.write.ShuffleWriteSpec;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.PartitionFold;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.ShuffleDependency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs task attempts on an executor: deserializes the stage and partition, computes the
 * partition through the stage's pipelined nodes, and either writes the shuffle output (map task)
 * or applies the action's function (result task). The shuffle writer and an action that takes every
 * record ({@link PartitionFold}) have the records {@linkplain Node#push pushed} into them; any other
 * action pulls an iterator. Always runs the task's completion actions and
 * returns its memory, whatever happens.
 */
public final class TaskRunner {
    private final ExecutorServices services;
    private final Map<Long, TaskContextImpl> running = new ConcurrentHashMap<>();

    public TaskRunner(ExecutorServices services) {
        this.services = services;
    }

    /** Runs one attempt on the calling thread. */
    public TaskOutcome run(TaskDescription task) {
        long start = System.nanoTime();
        TaskContextImpl context = new TaskContextImpl(task, services, services.memory().forTask(task.taskId()));
        running.put(task.taskId(), context);
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(services.classLoader());
        Object value = null;
        Throwable error = null;
        try {
            StageBinary stage = JavaSerialization.deserialize(task.stageBinary(), services.classLoader());
            Partition partition = JavaSerialization.deserialize(task.partitionBinary(), services.classLoader());
            value = stage.shuffle() != null
                    ? writeShuffle(stage.node(), stage.shuffle(), partition, context)
                    : applyFunction(stage.node(), stage.function(), partition, context);
        } catch (Throwable t) {
            error = t;
        } finally {
            Throwable cleanup = context.complete();
            if (error == null && cleanup != null) {
                error = cleanup;
            }
            running.remove(task.taskId());
            thread.setContextClassLoader(previousLoader);
        }
        long duration = System.nanoTime() - start;
        context.metrics().publish(services.metrics());
        if (error == null) {
            services.metrics().taskDuration.record(duration, java.util.concurrent.TimeUnit.NANOSECONDS);
            return new TaskOutcome.Success(value, duration, services.executorId());
        }
        // An InterruptedException alone is not a kill: user code may throw one of its own, and a Killed outcome of a
        // job nobody cancelled would never be retried or failed (the job would hang).
        if (context.isKilled() || error instanceof TaskKilledException || Thread.interrupted()) {
            return new TaskOutcome.Killed(String.valueOf(error.getMessage()));
        }
        services.metrics().tasksFailed.increment();
        return new TaskOutcome.Failure(error);
    }

    /** Asks a running attempt to stop at its next check; the caller also interrupts its thread. */
    public void kill(long taskId) {
        TaskContextImpl context = running.get(taskId);
        if (context != null) {
            context.kill();
        }
    }

    /** Pushes the stage's records into the shuffle map writer. */
    @SuppressWarnings("unchecked")
    private static MapStatus writeShuffle(Node<?> node, ShuffleDependency dependency, Partition partition,
                                          TaskContextImpl context) {
        Node<Object> records = (Node<Object>) node;
        ExecutorServices services = context.services();
        ShuffleMapWriter writer = new ShuffleMapWriter(services.dirs(), services.serializer(), context.memory(), context.metrics());
        ShuffleWriteSpec<Object, Object, Object> spec = new ShuffleWriteSpec<>(dependency.shuffleId(), partition.index(),
                dependency.partitioner().numPartitions(), dependency.partitioner()::partition,
                dependency.mapSideCombine() ? dependency.aggregator().orElseThrow() : null);
        return writer.write(spec, dependency.shape(), sink -> records.push(partition, context, context.countOut(sink)));
    }

    /** Pushes the stage's records into a fold's accumulator; any other function gets an iterator. */
    @SuppressWarnings("unchecked")
    private static Object applyFunction(Node<?> node, PartitionFunction<?, ?> function, Partition partition,
                                        TaskContextImpl context) throws Exception {
        Node<Object> records = (Node<Object>) node;
        if (function instanceof PartitionFold<?, ?> fold) {
            PartitionFold.Accumulator<Object, ?> accumulator = ((PartitionFold<Object, ?>) fold).start(context);
            records.push(partition, context, context.countOut(accumulator));
            return accumulator.result();
        }
        return ((PartitionFunction<Object, Object>) function).apply(context, context.countOut(records.iterator(partition, context)));
    }
}
