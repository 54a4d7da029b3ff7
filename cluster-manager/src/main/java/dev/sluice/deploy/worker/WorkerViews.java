package dev.sluice.deploy.worker;

import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.ExecutorView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.ClusterState;
import dev.sluice.deploy.worker.WorkerProcesses.Running;
import dev.sluice.deploy.worker.WorkerProcesses.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A worker's {@link ClusterState}, as its JSON state shows it: itself (alive while connected to its master), and
 * the executors and drivers it runs, all {@code RUNNING}.
 */
final class WorkerViews implements ClusterState.Source {
    private final Supplier<WorkerIdentity> self;
    private final WorkerProcesses processes;
    private final BooleanSupplier connected;

    /**
     * @param self what the worker is
     * @param connected whether it is connected to its master
     */
    WorkerViews(Supplier<WorkerIdentity> self, WorkerProcesses processes, BooleanSupplier connected) {
        this.self = self;
        this.processes = processes;
        this.connected = connected;
    }

    @Override
    public List<WorkerView> workers() {
        Snapshot running = processes.snapshot();
        int used = 0;
        long memory = 0;
        for (Running r : all(running)) {
            used += r.cores();
            memory += r.memoryMiB();
        }
        WorkerIdentity me = self.get();
        return List.of(new WorkerView(me.id(), me.host(), me.port(), me.webUiPort(),
                connected.getAsBoolean() ? "ALIVE" : "DISCONNECTED", me.cores(), used, me.memoryMiB(), memory, 0,
                List.copyOf(running.executors().keySet()), List.copyOf(running.drivers().keySet())));
    }

    @Override
    public List<ApplicationView> applications() {
        WorkerIdentity me = self.get();
        Map<String, List<ExecutorView>> byApp = new LinkedHashMap<>();
        for (Running r : processes.snapshot().executors().values()) {
            byApp.computeIfAbsent(r.appId(), a -> new ArrayList<>()).add(new ExecutorView(r.id(), me.id(),
                    me.host(), r.cores(), r.memoryMiB(), "RUNNING"));
        }
        List<ApplicationView> out = new ArrayList<>();
        byApp.forEach((app, list) -> out.add(new ApplicationView(app, "", "RUNNING", "", list.stream()
                .mapToInt(ExecutorView::cores).sum(), 0, 0, 0, "", 0, 0, list)));
        return out;
    }

    @Override
    public List<DriverView> drivers() {
        String workerId = self.get().id();
        List<DriverView> out = new ArrayList<>();
        processes.snapshot().drivers().values().forEach(r -> out.add(new DriverView(r.id(), r.detail(), "RUNNING",
                workerId, r.cores(), r.memoryMiB(), false, 1, null, "", 0)));
        return out;
    }

    private static List<Running> all(Snapshot running) {
        List<Running> all = new ArrayList<>(running.executors().values());
        all.addAll(running.drivers().values());
        return all;
    }
}
