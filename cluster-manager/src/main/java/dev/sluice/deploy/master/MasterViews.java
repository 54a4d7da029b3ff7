package dev.sluice.deploy.master;

import dev.sluice.deploy.ClusterState;
import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.ExecutorView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.DeployMessages.RegisterApplication;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The master's {@link ClusterState}, as its JSON state and {@code bin/sluice status} show it: read off the registry. */
final class MasterViews implements ClusterState.Source {
    private final ClusterRegistry registry;
    private final LongSupplier nanoClock;

    /** @param nanoClock the clock of the workers' heartbeats, to tell how long ago they were heard */
    MasterViews(ClusterRegistry registry, LongSupplier nanoClock) {
        this.registry = registry;
        this.nanoClock = nanoClock;
    }

    @Override
    public List<WorkerView> workers() {
        synchronized (registry) {
            long now = nanoClock.getAsLong();
            List<WorkerView> out = new ArrayList<>();
            for (WorkerInfo w : registry.workers()) {
                out.add(new WorkerView(w.id, w.host, w.port, w.webUiPort, w.state.name(), w.cores, w.coresUsed(),
                        w.memoryMiB, w.memoryUsedMiB(), TimeUnit.NANOSECONDS.toMillis(now - w.lastHeartbeat),
                        List.copyOf(w.executors.keySet()), List.copyOf(w.drivers)));
            }
            return out;
        }
    }

    /** The applications, active ones first, each in the order they registered. */
    @Override
    public List<ApplicationView> applications() {
        synchronized (registry) {
            List<ApplicationInfo> apps = new ArrayList<>(registry.applications());
            apps.sort(Comparator.comparing((ApplicationInfo a) -> !a.isActive()));
            List<ApplicationView> out = new ArrayList<>();
            for (ApplicationInfo a : apps) {
                List<ExecutorView> executors = new ArrayList<>();
                for (ExecutorInfo e : a.executors.values()) {
                    executors.add(new ExecutorView(e.id, e.worker.id, e.worker.host, e.cores, e.memoryMiB,
                            e.state.name()));
                }
                RegisterApplication r = a.registration;
                out.add(new ApplicationView(a.id, r.name(), a.state.name(), a.reason, a.coresGranted(), r.maxCores(),
                        r.coresPerExecutor(), r.memoryPerExecutorMiB(), r.driverHost() + ":" + r.driverPort(),
                        a.startTime, a.endTime, executors));
            }
            return out;
        }
    }

    @Override
    public List<DriverView> drivers() {
        synchronized (registry) {
            List<DriverView> out = new ArrayList<>();
            for (DriverInfo d : registry.drivers()) {
                out.add(new DriverView(d.id, d.description.mainClass(), d.state.name(),
                        d.worker == null ? null : d.worker.id, d.description.cores(), d.description.memoryMiB(),
                        d.description.supervise(), d.launches, d.exitCode, d.reason, d.submitTime));
            }
            return out;
        }
    }
}
