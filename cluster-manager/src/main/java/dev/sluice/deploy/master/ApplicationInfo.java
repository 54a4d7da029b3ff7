package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.network.message.MessageClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** The master's mutable record of an application; guarded by the master's lock. */
final class ApplicationInfo {
    enum State { WAITING, RUNNING, RECOVERING, FINISHED, KILLED, FAILED }

    final String id;
    final RegisterApplication registration;
    final long startTime;
    State state = State.WAITING;
    String reason = "";
    long endTime;
    MessageClient driver;
    final Map<String, ExecutorInfo> executors = new LinkedHashMap<>();
    int nextExecutorId;
    int failedExecutorsInRow;

    ApplicationInfo(String id, RegisterApplication registration, long startTime) {
        this.id = id;
        this.registration = registration;
        this.startTime = startTime;
    }

    int coresGranted() {
        return executors.values().stream().mapToInt(e -> e.cores).sum();
    }

    /** Cores it may still take. */
    int coresWanted() {
        int max = registration.maxCores() > 0 ? registration.maxCores() : Integer.MAX_VALUE;
        return max - coresGranted();
    }

    boolean isActive() {
        return state == State.WAITING || state == State.RUNNING || state == State.RECOVERING;
    }

    @Override
    public String toString() {
        return "application " + id + " (" + registration.name() + ")";
    }
}
