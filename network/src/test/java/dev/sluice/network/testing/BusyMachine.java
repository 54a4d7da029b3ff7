package dev.sluice.network.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Makes the machine busy while a module's tests run: with the system property {@value #PROPERTY} set to {@code N > 0}
 * it starts {@code N} processes that each spin on a CPU at normal priority for the whole test plan, so the suites
 * prove they do not need an idle machine (CI runs the cluster suites this way; see {@code .ci/run}). Without the
 * property it does nothing.
 *
 * <p>A module opts in by naming this class in its test resources'
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. Each spinner checks about ten times a
 * second that the test JVM is still alive and exits otherwise, so a killed test run leaves none behind.
 */
public final class BusyMachine implements TestExecutionListener {
    /**
     * The system property giving the number of CPUs to keep busy; outside the {@code sluice.} namespace, since
     * programs read {@code sluice.*} system properties as settings and refuse unknown keys.
     */
    public static final String PROPERTY = "test.busyCpus";
    private static final String SPIN = "parent=$PPID; while kill -0 \"$parent\" 2>/dev/null; do "
            + "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; done";

    private final List<Process> spinners = new ArrayList<>();

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        int cpus = Integer.getInteger(PROPERTY, 0);
        for (int i = 0; i < cpus; i++) {
            try {
                spinners.add(new ProcessBuilder("sh", "-c", SPIN).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start a CPU spinner for " + PROPERTY + "=" + cpus, e);
            }
        }
        if (cpus > 0) {
            System.err.println("BusyMachine: " + cpus + " CPU spinner(s) run beside these tests (" + PROPERTY + ")");
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        spinners.forEach(Process::destroyForcibly);
        spinners.clear();
    }
}
