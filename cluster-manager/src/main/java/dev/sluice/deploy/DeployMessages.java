package dev.sluice.deploy;

import dev.sluice.executor.protocol.ClusterMessages;
import dev.sluice.network.serialization.ControlSerializer;

import java.util.List;

/**
 * The control-plane messages of a standalone cluster: between workers and the master, drivers and the master,
 * and the command line and the master. Every process of a cluster registers the same list with Kryo, after the
 * executors' {@link ClusterMessages} (so a driver's one listener understands both its executors and its master).
 */
public final class DeployMessages {

    private DeployMessages() {
    }

    /** An executor a worker runs, as it reports it when it (re-)registers. */
    public record ExecutorRef(String appId, String executorId, int cores, long memoryMiB) {
    }

    // ---------------------------------------------------------------- worker -> master

    /** A worker announces itself and what it runs; answered with {@link WorkerRegistered}. */
    public record RegisterWorker(String workerId, String host, int port, int webUiPort, int cores, long memoryMiB,
                                 ExecutorRef[] executors, String[] drivers) {
    }

    /** The master accepted a worker; the applications and drivers it knows (the worker stops any others). */
    public record WorkerRegistered(String masterUrl, String[] applications, String[] drivers) {
    }

    /** A worker is alive; answered with {@link WorkerHeartbeatReply}. */
    public record WorkerHeartbeat(String workerId) {
    }

    /** Whether the master knows the worker; a worker it does not know registers again. */
    public record WorkerHeartbeatReply(boolean known) {
    }

    /** An executor process a worker ran has exited (or could not start). */
    public record ExecutorExited(String workerId, String appId, String executorId, int exitCode, String reason) {
    }

    /** A driver process a worker ran has exited; {@code killed} when the master asked for it. */
    public record DriverExited(String workerId, String driverId, int exitCode, boolean killed, String reason) {
    }

    // ---------------------------------------------------------------- master -> worker

    /** Starts an executor process for an application. */
    public record LaunchExecutor(String appId, String executorId, int cores, long memoryMiB, String driverHost,
                                 int driverPort, String configText) {
    }

    /** Stops an executor process. */
    public record KillExecutor(String appId, String executorId) {
    }

    /** An application ended: stop its executors and delete their data (their logs stay). */
    public record ApplicationEnded(String appId) {
    }

    /** Starts a driver process (cluster deploy mode). */
    public record LaunchDriver(String driverId, DriverDescription description) {
    }

    /** Stops a driver process. */
    public record KillDriver(String driverId) {
    }

    // ---------------------------------------------------------------- driver -> master

    /**
     * A driver asks for executors; answered with {@link ApplicationRegistered}. {@code executors} is empty for a
     * new application and lists the ones it has when it registers again with a restarted master.
     */
    public record RegisterApplication(String appId, String name, int coresPerExecutor, long memoryPerExecutorMiB,
                                      int maxCores, String driverHost, int driverPort, String configText,
                                      boolean again, String[] executors) {
    }

    /** The master accepted an application. */
    public record ApplicationRegistered(String appId) {
    }

    /** A driver is done; answered with {@link Ack} once its executors were told to stop. */
    public record UnregisterApplication(String appId) {
    }

    // ---------------------------------------------------------------- master -> driver

    /** An executor will start for the application under this id; answered with {@link Ack} before it is launched. */
    public record ExecutorAdded(String executorId, String workerId, String host, int cores, long memoryMiB) {
    }

    /** An executor of the application is gone (its process exited or its worker died). */
    public record ExecutorRemoved(String executorId, String reason) {
    }

    /** The master removed the application (killed by a user, or its executors kept failing). */
    public record ApplicationKilled(String reason) {
    }

    // ---------------------------------------------------------------- command line -> master

    /** What a cluster-mode driver runs: the jar's bytes travel with it. */
    public record DriverDescription(String mainClass, String jarName, byte[] jar, String[] args, String configText,
                                    int cores, long memoryMiB, boolean supervise) {
    }

    /** Submits a driver (cluster deploy mode); answered with {@link DriverSubmitted}. */
    public record SubmitDriver(DriverDescription description) {
    }

    /** The master accepted a driver. */
    public record DriverSubmitted(String driverId) {
    }

    /** Kills an application or a driver by id; answered with {@link Ack} (an error when the id is unknown). */
    public record Kill(String id) {
    }

    /** Asks how a cluster-mode driver is doing; answered with {@link DriverState}. */
    public record RequestDriverState(String driverId) {
    }

    /** A driver's state ({@code ClusterState.DriverView} names them); exit code -1 while it has none. */
    public record DriverState(String state, int exitCode, String reason) {
    }

    /** Asks where the master serves its JSON state; answered with {@link WebUi}. */
    public record RequestWebUi() {
    }

    /** The port of the master's JSON state, on the master's host. */
    public record WebUi(int port) {
    }

    /** A positive answer. */
    public record Ack(String message) {
    }

    /** Every class the deploy messages add, in registration order. */
    public static final List<Class<?>> CLASSES = List.of(ExecutorRef.class, ExecutorRef[].class, RegisterWorker.class,
            WorkerRegistered.class, WorkerHeartbeat.class, WorkerHeartbeatReply.class, ExecutorExited.class,
            DriverExited.class, LaunchExecutor.class, KillExecutor.class, ApplicationEnded.class, LaunchDriver.class,
            KillDriver.class, RegisterApplication.class, ApplicationRegistered.class, UnregisterApplication.class,
            ExecutorAdded.class, ExecutorRemoved.class, ApplicationKilled.class, DriverDescription.class,
            SubmitDriver.class, DriverSubmitted.class, Kill.class, Ack.class, RequestDriverState.class, DriverState.class,
            RequestWebUi.class, WebUi.class);

    /** A serializer of the executors' messages and these. */
    public static ControlSerializer newSerializer() {
        return ClusterMessages.newSerializer(CLASSES);
    }
}
