package dev.sluice.executor.cluster;

import dev.sluice.executor.protocol.ExecutorSpec;

/**
 * The main class of executor processes. Started by a driver (local-cluster mode) or a worker with an
 * {@link ExecutorSpec} in its environment; exits when the executor stops (0 when told to, 2 when it lost the
 * driver, 3 when the driver declared it lost, 4 when the process that started it died, 1 when it could not start).
 */
public final class ExecutorMain {
    /**
     * The environment variable with the process id of the JVM that started the executor (a worker or a driver):
     * the executor stops when that process dies, so that nothing outlives a killed worker.
     */
    public static final String PARENT_PID_VARIABLE = "SLUICE_PARENT_PID";

    private ExecutorMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            ExecutorSpec spec = ExecutorSpec.fromEnvironment(System.getenv());
            ExecutorProcess executor = ExecutorProcess.start(spec);
            ParentWatch.onDeath(System.getenv(PARENT_PID_VARIABLE),
                    parent -> executor.stop("the process that started it (pid " + parent + ") died", 4));
            code = executor.awaitStop();
        } catch (Throwable e) {
            System.err.println("Sluice executor failed to start: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }
}
