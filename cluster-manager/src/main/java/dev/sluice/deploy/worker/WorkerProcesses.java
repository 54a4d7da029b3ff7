package dev.sluice.deploy.worker;

import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.worker.ProcessCommands.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The executor and driver processes a worker runs: it starts them on the master's word, stops them, reports to
 * the master every one that exits unasked (or could not start), and when an application ends stops its executors
 * and deletes their data. Its methods may block (stopping a process waits for it): call them off network threads.
 */
final class WorkerProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class); // the worker's log lines, as they were

    /** A process this worker runs, with what it was launched with; {@code appId} is empty for a driver. */
    record Running(ProcessRunner runner, String appId, String id, int cores, long memoryMiB, String detail) {
    }

    /** The processes at one moment: executors by {@code appId/executorId}, drivers by id, in launch order. */
    record Snapshot(Map<String, Running> executors, Map<String, Running> drivers) {
    }

    private final String workerId;
    private final WorkerDirectories directories;
    private final ProcessCommands commands;
    private final Consumer<Object> toMaster;
    private final Map<String, Running> executors = new LinkedHashMap<>();
    private final Map<String, Running> drivers = new LinkedHashMap<>();
    private boolean closed;

    /** @param toMaster sends a message to the master, if connected */
    WorkerProcesses(String workerId, WorkerDirectories directories, ProcessCommands commands,
                    Consumer<Object> toMaster) {
        this.workerId = workerId;
        this.directories = directories;
        this.commands = commands;
        this.toMaster = toMaster;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new LinkedHashMap<>(executors), new LinkedHashMap<>(drivers));
    }

    void launchExecutor(LaunchExecutor launch) {
        String key = launch.appId() + "/" + launch.executorId();
        try {
            Command command = commands.executor(launch);
            synchronized (this) {
                if (closed) {
                    return;
                }
                ProcessRunner runner = ProcessRunner.start("executor " + key, command.argv(), command.environment(),
                        command.dir(), code -> executorExited(launch.appId(), launch.executorId(), code));
                executors.put(key, new Running(runner, launch.appId(), launch.executorId(), launch.cores(),
                        launch.memoryMiB(), "pid " + runner.pid()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch executor {}", key, e);
            toMaster.accept(new ExecutorExited(workerId, launch.appId(), launch.executorId(), -1,
                    "it could not start: " + e));
        }
    }

    private void executorExited(String appId, String executorId, int code) {
        Running running;
        synchronized (this) {
            running = executors.remove(appId + "/" + executorId);
        }
        if (running == null || running.runner().killed()) {
            return;
        }
        LOG.warn("Executor {}/{} exited with code {}", appId, executorId, code);
        toMaster.accept(new ExecutorExited(workerId, appId, executorId, code, describeExit(code)));
    }

    private static String describeExit(int code) {
        return switch (code) {
            case 0 -> "it stopped";
            case 1 -> "it could not start (see its stderr)";
            case 2 -> "it lost its driver";
            case 3 -> "its driver declared it lost";
            default -> code > 128 ? "it was killed by signal " + (code - 128) : "";
        };
    }

    void killExecutor(String appId, String executorId) {
        Running running;
        synchronized (this) {
            running = executors.remove(appId + "/" + executorId);
        }
        if (running != null) {
            running.runner().kill();
        }
    }

    /** Stops the application's executors, then deletes their directories except the logs. */
    void applicationEnded(String appId) {
        List<Running> mine = new ArrayList<>();
        synchronized (this) {
            executors.values().removeIf(e -> {
                if (e.appId().equals(appId)) {
                    mine.add(e);
                    return true;
                }
                return false;
            });
        }
        mine.forEach(e -> e.runner().kill());
        directories.deleteApplicationData(appId);
        if (!mine.isEmpty()) {
            LOG.info("Application {} ended: stopped {} executors and deleted their data", appId, mine.size());
        }
    }

    void launchDriver(String driverId, DriverDescription description) {
        try {
            Command command = commands.driver(driverId, description);
            synchronized (this) {
                if (closed) {
                    return;
                }
                ProcessRunner runner = ProcessRunner.start("driver " + driverId, command.argv(), command.environment(),
                        command.dir(), code -> driverExited(driverId, code));
                drivers.put(driverId, new Running(runner, "", driverId, description.cores(), description.memoryMiB(),
                        description.mainClass()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch driver {}", driverId, e);
            toMaster.accept(new DriverExited(workerId, driverId, -1, false, "it could not start: " + e));
        }
    }

    private void driverExited(String driverId, int code) {
        Running running;
        synchronized (this) {
            running = drivers.remove(driverId);
        }
        if (running != null) {
            LOG.info("Driver {} exited with code {}", driverId, code);
            toMaster.accept(new DriverExited(workerId, driverId, code, running.runner().killed(), code == 0 ? ""
                    : "exited with code " + code + " (see " + directories.driverWorkDir(driverId) + "/stderr)"));
        }
    }

    void killDriver(String driverId) {
        Running running;
        synchronized (this) {
            running = drivers.get(driverId);
        }
        if (running != null) {
            running.runner().kill(); // its exit is reported as killed
        }
    }

    /** After a (re-)registration: stops what belongs to applications and drivers the master does not know. */
    void stopUnknown(Set<String> applications, Set<String> liveDrivers) {
        List<String> apps = new ArrayList<>();
        List<String> orphanDrivers = new ArrayList<>();
        synchronized (this) {
            executors.values().stream().map(Running::appId).filter(a -> !applications.contains(a)).distinct()
                    .forEach(apps::add);
            drivers.keySet().stream().filter(d -> !liveDrivers.contains(d)).forEach(orphanDrivers::add);
        }
        apps.forEach(this::applicationEnded);
        for (String driver : orphanDrivers) {
            LOG.warn("Stopping driver {}: the master does not know it", driver);
            killDriver(driver);
        }
    }

    /**
     * Starts no process any more; false if it was closed already. {@link #stopAll} then stops those running.
     */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Stops every process (in parallel) and deletes the data of their applications. */
    void stopAll() {
        List<Running> all;
        synchronized (this) {
            all = new ArrayList<>(executors.values());
            all.addAll(drivers.values());
        }
        all.parallelStream().forEach(r -> r.runner().kill());
        all.stream().map(Running::appId).filter(a -> !a.isEmpty()).distinct()
                .forEach(directories::deleteApplicationData);
    }
}
