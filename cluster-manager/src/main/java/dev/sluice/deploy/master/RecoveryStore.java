package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.RegisterApplication;

import java.util.List;

/**
 * Where a master keeps what it must know again after a restart: its workers, applications and drivers. Writes
 * are atomic: a reader sees a record whole or not at all. Implementations: {@link #none()} (nothing survives) and
 * {@link FileSystemRecoveryStore}; a ZooKeeper-backed store with leader election would be another.
 */
public interface RecoveryStore extends AutoCloseable {

    /** A worker as registered. */
    record WorkerRecord(String id, String host, int port, int webUiPort, int cores, long memoryMiB) {
    }

    /** An application as registered. */
    record ApplicationRecord(String id, RegisterApplication registration, long startTime) {
    }

    /** A driver as submitted. */
    record DriverRecord(String id, DriverDescription description, long submitTime) {
    }

    /** What a store held when the master started. */
    record Recovered(List<WorkerRecord> workers, List<ApplicationRecord> applications, List<DriverRecord> drivers) {
        /** Whether there is nothing to recover. */
        public boolean isEmpty() {
            return workers.isEmpty() && applications.isEmpty() && drivers.isEmpty();
        }
    }

    /** Stores a worker (replacing one with its id). */
    void putWorker(WorkerRecord worker);

    /** Forgets a worker. */
    void removeWorker(String id);

    /** Stores an application. */
    void putApplication(ApplicationRecord application);

    /** Forgets an application. */
    void removeApplication(String id);

    /** Stores a driver. */
    void putDriver(DriverRecord driver);

    /** Forgets a driver. */
    void removeDriver(String id);

    /** Everything stored. */
    Recovered read();

    @Override
    default void close() {
    }

    /** A store that keeps nothing ({@code sluice.recovery.mode=NONE}). */
    static RecoveryStore none() {
        return new RecoveryStore() {
            @Override
            public void putWorker(WorkerRecord worker) {
            }

            @Override
            public void removeWorker(String id) {
            }

            @Override
            public void putApplication(ApplicationRecord application) {
            }

            @Override
            public void removeApplication(String id) {
            }

            @Override
            public void putDriver(DriverRecord driver) {
            }

            @Override
            public void removeDriver(String id) {
            }

            @Override
            public Recovered read() {
                return new Recovered(List.of(), List.of(), List.of());
            }

            @Override
            public String toString() {
                return "no recovery store (sluice.recovery.mode=NONE)";
            }
        };
    }
}
