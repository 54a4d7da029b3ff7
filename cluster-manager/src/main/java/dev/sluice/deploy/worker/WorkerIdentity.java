package dev.sluice.deploy.worker;

import dev.sluice.deploy.DeployMessages.ExecutorRef;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.worker.WorkerProcesses.Snapshot;

/**
 * What a worker is, as the master and its JSON state know it.
 *
 * @param host the host and port the master reaches it at
 * @param webUiPort the port of its JSON state
 * @param cores the cores it offers
 * @param memoryMiB the memory it offers
 */
record WorkerIdentity(String id, String host, int port, int webUiPort, int cores, long memoryMiB) {

    /** Its registration with the master, reporting the processes it runs. */
    RegisterWorker registration(Snapshot running) {
        ExecutorRef[] executors = running.executors().values().stream()
                .map(e -> new ExecutorRef(e.appId(), e.id(), e.cores(), e.memoryMiB())).toArray(ExecutorRef[]::new);
        return new RegisterWorker(id, host, port, webUiPort, cores, memoryMiB, executors,
                running.drivers().keySet().toArray(String[]::new));
    }
}
