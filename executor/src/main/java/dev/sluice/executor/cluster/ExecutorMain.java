package dev.sluice.executor.cluster;

/**
 * The main class of executor processes. Started by a driver (local-cluster mode) or a worker with an
 * {@link ExecutorSpec} in its environment; exits when the executor stops (0 when told to, 2 when it lost the
 * driver, 3 when the driver declared it lost, 1 when it could not start).
 */
public final class ExecutorMain {
    private ExecutorMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            ExecutorSpec spec = ExecutorSpec.fromEnvironment(System.getenv());
            code = ExecutorProcess.start(spec).awaitStop();
        } catch (Throwable e) {
            System.err.println("Sluice executor failed to start: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }
}
