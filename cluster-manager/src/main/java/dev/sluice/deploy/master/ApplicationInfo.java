package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.master.RecoveryStore.ApplicationRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** The master's mutable record of an application; guarded by the registry's lock. */
final class ApplicationInfo {
    enum State { WAITING, RUNNING, RECOVERING, FINISHED, KILLED, FAILED }

    final String id;
    final RegisterApplication registration;
    final long startTime;
    State state = State.WAITING;
    String reason = "";
    long endTime;
    Peer driver;
    final Map<String, ExecutorInfo> executors = new LinkedHashMap<>();
    int nextExecutorId;
    int failedExecutorsInRow;

    ApplicationInfo(String id, RegisterApplication registration, long startTime) {
        this.id = id;
        this.registration = registration;
        this.startTime = startTime;
    }

    /** An application known from the recovery store, until its driver registers again. */
    static ApplicationInfo recovered(ApplicationRecord a) {
        ApplicationInfo app = new ApplicationInfo(a.id(), a.registration(), a.startTime());
        app.state = State.RECOVERING;
        app.reason = "waiting for its driver to register with the restarted master";
        return app;
    }

    /** What the recovery store keeps of it. */
    ApplicationRecord record() {
        return new ApplicationRecord(id, registration, startTime);
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

    /** Whether the scheduler should give it executors: it runs or waits, its driver is connected, it wants cores. */
    boolean wantsExecutors() {
        return (state == State.WAITING || state == State.RUNNING) && driver != null && coresWanted() > 0;
    }

    @Override
    public String toString() {
        return "application " + id + " (" + registration.name() + ")";
    }
}
