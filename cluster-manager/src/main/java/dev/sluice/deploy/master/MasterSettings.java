package dev.sluice.deploy.master;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;

import java.time.Duration;

/**
 * The settings of a master's scheduling and liveness.
 *
 * @param workerTimeout how long a worker may stay silent ({@code sluice.worker.timeout}), and how long recovered
 *                      workers, applications and drivers have to come back after a restart
 * @param spreadOut whether executors spread over the workers ({@code sluice.deploy.spreadOut})
 * @param maxExecutorRetries how many executors of an application may fail in a row before it is ended
 *                           ({@code sluice.deploy.maxExecutorRetries})
 */
record MasterSettings(Duration workerTimeout, boolean spreadOut, int maxExecutorRetries) {

    static MasterSettings from(SluiceConfig config) {
        return new MasterSettings(config.get(ConfigKeys.WORKER_TIMEOUT), config.get(ConfigKeys.DEPLOY_SPREAD_OUT),
                config.get(ConfigKeys.DEPLOY_MAX_EXECUTOR_RETRIES));
    }

    /** How often the master looks for silent workers: a quarter of the timeout, at least 100 ms. */
    Duration checkPeriod() {
        return Duration.ofMillis(Math.max(100, workerTimeout.toMillis() / 4));
    }
}
