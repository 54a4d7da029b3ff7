package dev.sluice.notebook.kernel;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/**
 * Hands JShell one {@link CapturingExecutionControl}, so that cells run inside the kernel's JVM
 * and the kernel can read their values and interrupt them.
 */
final class CapturingExecutionControlProvider implements ExecutionControlProvider {
    private final CapturingExecutionControl control = new CapturingExecutionControl();

    CapturingExecutionControl control() {
        return control;
    }

    @Override
    public String name() {
        return "sluice-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
