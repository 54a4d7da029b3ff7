package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverDescription;

/** The master's mutable record of a cluster-mode driver; guarded by the master's lock. */
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

    boolean isActive() {
        return state == State.SUBMITTED || state == State.RUNNING || state == State.RELAUNCHING
                || state == State.RECOVERING;
    }

    @Override
    public String toString() {
        return "driver " + id + " (" + description.mainClass() + ")";
    }
}
