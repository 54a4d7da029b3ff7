package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.master.RecoveryStore.DriverRecord;

/** The master's mutable record of a cluster-mode driver; guarded by the registry's lock. */
final class DriverInfo {
    enum State { SUBMITTED, RUNNING, RELAUNCHING, FINISHED, FAILED, KILLED, ERROR, RECOVERING }

    final String id;
    final DriverDescription description;
    final long submitTime;
    State state = State.SUBMITTED;
    WorkerInfo worker;
    int launches;
    Integer exitCode;
    String reason = "";

    DriverInfo(String id, DriverDescription description, long submitTime) {
        this.id = id;
        this.description = description;
        this.submitTime = submitTime;
    }

    /** A driver known from the recovery store, until a worker reports it runs it. */
    static DriverInfo recovered(DriverRecord d) {
        DriverInfo driver = new DriverInfo(d.id(), d.description(), d.submitTime());
        driver.state = State.RECOVERING;
        return driver;
    }

    /** What the recovery store keeps of it. */
    DriverRecord record() {
        return new DriverRecord(id, description, submitTime);
    }

    boolean isActive() {
        return state == State.SUBMITTED || state == State.RUNNING || state == State.RELAUNCHING
                || state == State.RECOVERING;
    }

    /** Whether it waits for a worker to launch it on. */
    boolean isWaiting() {
        return state == State.SUBMITTED || state == State.RELAUNCHING;
    }

    /** It runs on {@code worker} now, which reserves its cores and memory. */
    void runsOn(WorkerInfo worker) {
        state = State.RUNNING;
        this.worker = worker;
        worker.addDriver(this);
    }

    @Override
    public String toString() {
        return "driver " + id + " (" + description.mainClass() + ")";
    }
}
