package dev.sluice.deploy;

import java.util.List;

/**
 * What a master or a worker shows of itself, as served on {@code /api/v1/...} and printed by
 * {@code bin/sluice status}: the single source any user interface reads.
 */
public final class ClusterState {

    private ClusterState() {
    }

    /** A worker: where it is, whether it is alive, and what of its cores and memory is taken. */
    public record WorkerView(String id, String host, int port, int webUiPort, String state, int cores, int coresUsed,
                             long memoryMiB, long memoryUsedMiB, long lastHeartbeatMillisAgo, List<String> executors,
                             List<String> drivers) {
    }

    /** An executor of an application on a worker. */
    public record ExecutorView(String id, String workerId, String host, int cores, long memoryMiB, String state) {
    }

    /**
     * An application: its state ({@code WAITING} with a reason while it has no executor, {@code RUNNING},
     * {@code FINISHED}, {@code KILLED}, {@code FAILED}, {@code RECOVERING} after a master restart).
     */
    public record ApplicationView(String id, String name, String state, String reason, int coresGranted,
                                  int maxCores, int coresPerExecutor, long memoryPerExecutorMiB, String driver,
                                  long startTime, long endTime, List<ExecutorView> executors) {
    }

    /** A driver submitted in cluster deploy mode. */
    public record DriverView(String id, String mainClass, String state, String workerId, int cores, long memoryMiB,
                             boolean supervise, int launches, Integer exitCode, String reason, long submitTime) {
    }

    /** Anything that shows cluster state: a master, or a worker (which shows itself, its executors and drivers). */
    public interface Source {
        /** The workers. */
        List<WorkerView> workers();

        /** The applications, running ones first. */
        List<ApplicationView> applications();

        /** The drivers. */
        List<DriverView> drivers();
    }
}
