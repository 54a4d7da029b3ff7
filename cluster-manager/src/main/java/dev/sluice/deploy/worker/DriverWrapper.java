package dev.sluice.deploy.worker;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.ApplicationMain;
import dev.sluice.executor.cluster.ExecutorMain;
import dev.sluice.executor.cluster.ParentWatch;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.TransportSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a driver process a worker starts (cluster deploy mode): it takes the application's
 * configuration and the cluster's secret from its environment (never its command line), makes them the JVM's
 * Sluice settings, and runs the application's main class with the remaining arguments. Exit code 0 when the
 * application returned, 1 when it threw or could not be found, 4 when its worker died (it does not outlive it).
 */
public final class DriverWrapper {
    private static final String CONFIG = "SLUICE_DRIVER_CONF";
    private static final String MAIN_CLASS = "SLUICE_DRIVER_MAIN_CLASS";

    private DriverWrapper() {
    }

    /** The environment that starts {@code mainClass} with {@code config}. */
    static Map<String, String> environment(SluiceConfig config, String secret, String mainClass) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CONFIG, ExecutorSpec.encodeConfig(config));
        env.put(MAIN_CLASS, mainClass);
        env.put(TransportSettings.SECRET_ENVIRONMENT_VARIABLE, secret);
        env.put(ExecutorMain.PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        return env;
    }

    public static void main(String[] args) {
        int code;
        try {
            ParentWatch.onDeath(System.getenv(ExecutorMain.PARENT_PID_VARIABLE), parent -> {
                System.err.println("Sluice driver stopping: its worker (pid " + parent + ") died");
                System.exit(4);
            });
            SluiceConfig config = ExecutorSpec.decodeConfig(required(CONFIG));
            config.asMap().forEach(System::setProperty);
            System.setProperty(ConfigKeys.AUTH_SECRET.name(), required(TransportSettings.SECRET_ENVIRONMENT_VARIABLE));
            code = ApplicationMain.run(required(MAIN_CLASS), args, DriverWrapper.class.getClassLoader());
        } catch (RuntimeException e) {
            System.err.println("Sluice driver failed: " + e.getMessage());
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The environment variable " + name + " is not set: drivers of a "
                    + "standalone cluster are started by a worker");
        }
        return value;
    }
}
