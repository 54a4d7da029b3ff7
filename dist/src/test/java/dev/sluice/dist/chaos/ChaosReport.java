package dev.sluice.dist.chaos;

/**
 * What one workload did under one fault.
 *
 * @param workload       the anchor workload, e.g. {@code join}
 * @param fault          the fault's name ({@code none} for the fault-free run)
 * @param seconds        wall time of the workload in the driver; NaN if it failed
 * @param launches       task attempts the driver launched ({@code sluice.task.launches})
 * @param tasksRerun     launches beyond those of the fault-free run of the same workload
 * @param resubmissions  stage attempts started again after lost map outputs ({@code sluice.stage.resubmissions})
 * @param digest         the digest the workload computed, or its failure
 * @param digestExact    whether it equals the expected digest
 * @param processesLeft  processes of the application alive after it ended (executors, zombies), and processes of
 *                       the cluster alive after it was stopped
 * @param filesLeft      files other than logs left in the workers' work directories and the driver's local
 *                       directory after the application ended
 */
public record ChaosReport(String workload, String fault, double seconds, long launches, long tasksRerun,
                          long resubmissions, String digest, boolean digestExact, int processesLeft, int filesLeft) {
}
