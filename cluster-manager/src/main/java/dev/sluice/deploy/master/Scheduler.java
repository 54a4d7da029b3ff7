package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.ExecutorAdded;
import dev.sluice.deploy.DeployMessages.LaunchDriver;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.master.ExecutorPlacement.Assignment;
import dev.sluice.deploy.master.ExecutorPlacement.Offer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Puts waiting drivers and applications' executors on the alive workers' free cores and memory, first come first
 * served: drivers first ({@link DriverPlacement}), then each application's executors ({@link ExecutorPlacement}).
 * It tells the workers to launch them; an executor's driver learns its id first and the worker is told to start
 * it only once the driver acknowledged. Call {@link #schedule} with the registry's lock held, after any change
 * that frees resources or adds demand.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class); // the master's log lines, as they were
    private static final Duration DRIVER_ASK_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterRegistry registry;
    private final ApplicationLifecycle applications;
    private final boolean spreadOut;

    /** @param spreadOut whether executors spread over the workers, or fill one worker before the next */
    Scheduler(ClusterRegistry registry, ApplicationLifecycle applications, boolean spreadOut) {
        this.registry = registry;
        this.applications = applications;
        this.spreadOut = spreadOut;
    }

    /** Launches waiting drivers, then gives applications executors, first come first served. */
    void schedule() {
        if (registry.isClosed()) {
            return;
        }
        List<WorkerInfo> alive = registry.aliveWorkers();
        for (DriverInfo driver : registry.drivers()) {
            if (driver.isWaiting()) {
                launchDriver(driver, alive);
            }
        }
        for (ApplicationInfo app : registry.applications()) {
            if (app.wantsExecutors()) {
                launchExecutors(app, alive);
            }
        }
    }

    /**
     * Why no alive worker could ever run a process with {@code cores} (at least 1) and {@code memoryMiB}, even
     * idle, or null if one could. Without workers nothing is impossible yet.
     *
     * @param what what the process is, for the message ("the driver", "an executor")
     */
    String whyNever(int cores, long memoryMiB, String what) {
        List<WorkerInfo> alive = registry.aliveWorkers();
        if (alive.isEmpty()) {
            return null;
        }
        int need = Math.max(1, cores);
        for (WorkerInfo worker : alive) {
            if (worker.cores >= need && worker.memoryMiB >= memoryMiB) {
                return null;
            }
        }
        WorkerInfo largest = alive.stream().max(Comparator.comparingInt((WorkerInfo w) -> w.cores)
                .thenComparingLong(w -> w.memoryMiB)).orElseThrow();
        return "no worker can ever run " + what + " with " + need + " cores and " + memoryMiB + " MiB: the largest of "
                + alive.size() + " workers has " + largest.cores + " cores and " + largest.memoryMiB + " MiB";
    }

    private void launchDriver(DriverInfo driver, List<WorkerInfo> alive) {
        DriverDescription d = driver.description;
        Optional<String> chosen = DriverPlacement.choose(freeResources(alive), d.cores(), d.memoryMiB(),
                registry.driversNumbered() + driver.launches);
        if (chosen.isEmpty()) {
            driver.reason = "waiting for a worker with " + d.cores() + " free cores and " + d.memoryMiB() + " MiB";
            return;
        }
        WorkerInfo worker = registry.worker(chosen.get());
        driver.runsOn(worker);
        driver.launches++;
        driver.reason = "";
        LOG.info("Launching {} on {}", driver, worker);
        worker.client.tell(new LaunchDriver(driver.id, d));
    }

    private void launchExecutors(ApplicationInfo app, List<WorkerInfo> alive) {
        RegisterApplication r = app.registration;
        List<Assignment> assignments = ExecutorPlacement.assign(freeResources(alive), r.coresPerExecutor(),
                r.memoryPerExecutorMiB(), app.coresWanted(), spreadOut);
        if (assignments.isEmpty()) {
            if (app.executors.isEmpty()) {
                String reason = alive.isEmpty() ? "waiting: no worker is registered"
                        : "waiting for a worker with " + Math.max(1, r.coresPerExecutor()) + " free cores and "
                        + r.memoryPerExecutorMiB() + " MiB free (" + describeFree(alive) + ")";
                if (!reason.equals(app.reason)) {
                    LOG.warn("{} is {}", app, reason);
                }
                app.reason = reason;
                app.state = ApplicationInfo.State.WAITING;
            }
            return;
        }
        for (Assignment assignment : assignments) {
            launchExecutor(app, registry.worker(assignment.workerId()), assignment.cores());
        }
        app.state = ApplicationInfo.State.RUNNING;
        app.reason = "";
    }

    private void launchExecutor(ApplicationInfo app, WorkerInfo worker, int cores) {
        RegisterApplication r = app.registration;
        String executorId = Integer.toString(app.nextExecutorId++);
        ExecutorInfo executor = new ExecutorInfo(app.id, executorId, worker, cores, r.memoryPerExecutorMiB());
        worker.executors.put(executor.key(), executor);
        app.executors.put(executorId, executor);
        LOG.info("Launching executor {} of {} on {} with {} cores", executorId, app, worker, cores);
        LaunchExecutor launch = new LaunchExecutor(app.id, executorId, cores, r.memoryPerExecutorMiB(),
                r.driverHost(), r.driverPort(), r.configText());
        // The driver learns the id first, so the executor's registration finds it expected.
        app.driver.ask(new ExecutorAdded(executorId, worker.id, worker.host, cores, r.memoryPerExecutorMiB()),
                        Ack.class, DRIVER_ASK_TIMEOUT)
                .whenComplete((ack, error) -> {
                    synchronized (registry) {
                        if (error != null) {
                            applications.removeExecutor(executor,
                                    "its driver could not be told: " + error.getMessage(), false);
                        } else if (executor.state == ExecutorInfo.State.LAUNCHING) {
                            executor.state = ExecutorInfo.State.RUNNING;
                            worker.client.tell(launch);
                        }
                    }
                });
    }

    private static List<Offer> freeResources(List<WorkerInfo> workers) {
        return workers.stream().map(w -> new Offer(w.id, w.freeCores(), w.freeMemoryMiB())).toList();
    }

    private static String describeFree(List<WorkerInfo> workers) {
        return workers.stream().map(WorkerInfo::describeFree).collect(Collectors.joining(", "));
    }
}
