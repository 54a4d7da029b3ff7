package dev.sluice.driver.scheduler;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;

/**
 * The limits the {@link DagScheduler} enforces.
 *
 * @param maxTaskFailures  attempts of one task before its job fails ({@code sluice.task.maxFailures})
 * @param maxExecutorLosses times one task may lose its executor while it runs before its job fails
 *                         ({@code sluice.task.maxExecutorLosses}); these losses do not count as task failures
 * @param maxStageAttempts attempts of one stage whose reads of map outputs fail before its jobs fail
 *                         ({@code sluice.stage.maxAttempts})
 * @param maxResultBytes   serialized bytes of remote results one job may return to the driver
 *                         ({@code sluice.driver.maxResultSize})
 */
public record SchedulerSettings(int maxTaskFailures, int maxExecutorLosses, int maxStageAttempts, long maxResultBytes) {

    /** Checks the limits. */
    public SchedulerSettings {
        if (maxTaskFailures < 1 || maxExecutorLosses < 1 || maxStageAttempts < 1 || maxResultBytes < 1) {
            throw new IllegalArgumentException("scheduler limits must be positive: " + maxTaskFailures + ", "
                    + maxExecutorLosses + ", " + maxStageAttempts + ", " + maxResultBytes);
        }
    }

    /** The limits the configuration names. */
    public static SchedulerSettings from(SluiceConfig config) {
        return new SchedulerSettings(config.get(ConfigKeys.TASK_MAX_FAILURES), config.get(ConfigKeys.TASK_MAX_EXECUTOR_LOSSES),
                config.get(ConfigKeys.STAGE_MAX_ATTEMPTS), config.get(ConfigKeys.DRIVER_MAX_RESULT_SIZE));
    }

    /** The defaults of the configuration keys. */
    public static SchedulerSettings defaults() {
        return from(SluiceConfig.defaults());
    }

    /** These settings with another task attempt limit. */
    public SchedulerSettings withMaxTaskFailures(int value) {
        return new SchedulerSettings(value, maxExecutorLosses, maxStageAttempts, maxResultBytes);
    }

    /** These settings with another limit of executor losses per task. */
    public SchedulerSettings withMaxExecutorLosses(int value) {
        return new SchedulerSettings(maxTaskFailures, value, maxStageAttempts, maxResultBytes);
    }
}
