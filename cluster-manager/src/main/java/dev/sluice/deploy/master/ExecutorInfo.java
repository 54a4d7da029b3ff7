package dev.sluice.deploy.master;

/** An executor the master placed on a worker; guarded by the registry's lock. */
final class ExecutorInfo {
    /** Launching until its driver knows it, running once its worker was told to start it; then exited or stopped. */
    enum State { LAUNCHING, RUNNING, EXITED, STOPPED }

    final String appId;
    final String id;
    final WorkerInfo worker;
    final int cores;
    final long memoryMiB;
    State state = State.LAUNCHING;

    ExecutorInfo(String appId, String id, WorkerInfo worker, int cores, long memoryMiB) {
        this.appId = appId;
        this.id = id;
        this.worker = worker;
        this.cores = cores;
        this.memoryMiB = memoryMiB;
    }

    String key() {
        return key(appId, id);
    }

    static String key(String appId, String executorId) {
        return appId + "/" + executorId;
    }
}
