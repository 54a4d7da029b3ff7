package dev.sluice.executor.protocol;

import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.net.BlockProtocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The control-plane messages between the driver and its executors, and the one list of classes both sides
 * register with Kryo. Task closures, results and errors travel inside them as opaque {@code byte[]} that only
 * the task runner (executor) or the scheduler (driver) deserializes, after the connection authenticated.
 */
public final class ClusterMessages {

    private ClusterMessages() {
    }

    // ---------------------------------------------------------------- executor -> driver

    /** An executor process announces itself; answered with {@link Registered}. */
    public record RegisterExecutor(String executorId, String host, int port, int cores, long pid) {
    }

    /** The driver accepted an executor. */
    public record Registered(String appId) {
    }

    /** An executor is alive; answered with {@link HeartbeatReply}. */
    public record Heartbeat(String executorId, MetricValues metrics) {
    }

    /** Whether the driver still knows the executor; an executor it declared lost exits. */
    public record HeartbeatReply(boolean known) {
    }

    /**
     * A task ended well. Exactly one of {@code mapStatus} (map task), {@code result} (small result, serialized)
     * or {@code resultBytes > 0} with a null result (large result kept on the executor for {@link FetchResult})
     * describes its value.
     */
    public record TaskFinished(long taskId, String executorId, long durationNanos, MapStatus mapStatus, byte[] result,
                               long resultBytes, long[] cachedBlocks, MetricValues metrics) {
    }

    /**
     * A task ended badly: killed, a fetch failure (block ids set, {@code fetchShuffleId >= 0}), or an error
     * (Java-serialized in {@code error} when it could be, described in {@code description} always).
     */
    public record TaskFailed(long taskId, String executorId, boolean killed, String description, byte[] error,
                             int fetchShuffleId, int fetchMapId, int fetchReduceId, MetricValues metrics) {
    }

    /** A reduce task asks where a complete shuffle's outputs are; answered with {@link MapOutputs}. */
    public record GetMapOutputs(int shuffleId) {
    }

    /**
     * A shuffle's outputs: for map {@code i}, its lengths are {@code lengths[i * numReduces ...]} and its holder
     * is {@code executorIds[holders[i]]}, reachable at {@code hosts[holders[i]]:ports[holders[i]]}; a holder of
     * -1 means the output is missing.
     */
    public record MapOutputs(int shuffleId, int numReduces, long[] lengths, int[] holders,
                             String[] executorIds, String[] hosts, int[] ports) {
    }

    /** A task misses a cached block; answered with {@link CachedBlockLocation}. */
    public record GetCachedBlock(int nodeId, int partition, String askingExecutorId) {
    }

    /** Where another executor holds a cached block; an empty host when none does. */
    public record CachedBlockLocation(String executorId, String host, int port) {
    }

    /** Streams the serialized records of a cached block this executor holds. */
    public record FetchCachedBlock(int nodeId, int partition) {
    }

    /** An executor needs a class its class path does not have (defined in a notebook cell or an IDE session). */
    public record GetClass(String name) {
    }

    /** The bytes of a class file the driver's class loader has, or an empty array when it has none. */
    public record ClassFile(byte[] bytes) {
    }

    /** An executor starting up asks which jars the application's class path has; answered with {@link AppClasspath}. */
    public record GetAppClasspath() {
    }

    /** The jar files on the driver's class path (file names and sizes), which an executor fetches when it lacks them. */
    public record AppClasspath(String[] names, long[] sizes) {
    }

    /** Streams the jar at {@code index} of the driver's {@link AppClasspath}. */
    public record FetchAppJar(int index) {
    }

    /** Cumulative meter values of an executor, by name: counters, then the task timer's total count. */
    public record MetricValues(String[] names, double[] values) {
    }

    // ---------------------------------------------------------------- driver -> executor

    /** Runs a task attempt (see {@link dev.sluice.executor.task.TaskDescription}). */
    public record LaunchTask(long taskId, int jobId, int stageId, int stageAttempt, int partition, int attempt,
                             byte[] stageBinary, byte[] partitionBinary, long mapOutputEpoch) {
    }

    /** Stops a running task attempt. */
    public record KillTask(long taskId) {
    }

    /** Streams a large result kept on the executor, and forgets it. */
    public record FetchResult(long taskId) {
    }

    /** Forgets a large result nobody will fetch. */
    public record DiscardResult(long taskId) {
    }

    /** Deletes a shuffle's files. */
    public record RemoveShuffle(int shuffleId) {
    }

    /** Drops the cached blocks of a dataset node. */
    public record RemoveCachedNode(int nodeId) {
    }

    /** Stops the executor: it finishes nothing, deletes its directory and exits; answered with null once done. */
    public record StopExecutor(String reason) {
    }

    /** Every class the control plane registers, in registration order: the block service's first. */
    public static final List<Class<?>> CLASSES = classes();

    private static List<Class<?>> classes() {
        List<Class<?>> classes = new ArrayList<>(BlockProtocol.CLASSES);
        classes.addAll(List.of(String[].class, long[].class, double[].class, MapStatus.class, MetricValues.class,
                RegisterExecutor.class, Registered.class, Heartbeat.class, HeartbeatReply.class, TaskFinished.class,
                TaskFailed.class, GetMapOutputs.class, MapOutputs.class, LaunchTask.class, KillTask.class,
                FetchResult.class, DiscardResult.class, RemoveShuffle.class, RemoveCachedNode.class,
                StopExecutor.class, GetCachedBlock.class, CachedBlockLocation.class, FetchCachedBlock.class, GetClass.class,
                ClassFile.class, GetAppClasspath.class, AppClasspath.class, FetchAppJar.class));
        return List.copyOf(classes);
    }

    /** A serializer of these messages. */
    public static ControlSerializer newSerializer() {
        return new ControlSerializer(CLASSES);
    }

    /**
     * A serializer of these messages followed by {@code more} (a cluster manager's own messages); it reads and
     * writes every message of {@link #CLASSES} exactly as {@link #newSerializer()} does.
     */
    public static ControlSerializer newSerializer(List<Class<?>> more) {
        List<Class<?>> all = new ArrayList<>(CLASSES);
        all.addAll(more);
        return new ControlSerializer(all);
    }
}
