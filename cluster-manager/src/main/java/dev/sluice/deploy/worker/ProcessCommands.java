package dev.sluice.deploy.worker;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.executor.cluster.ExecutorMain;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.JavaCommand;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands a worker starts executors and drivers with: a JVM on the worker's class path, configured with the
 * application's settings as they apply on this host (its processes listen where the worker does) and the
 * cluster's secret, passed in the environment, never on the command line.
 */
final class ProcessCommands {
    private final WorkerDirectories directories;
    private final MasterUrl masterUrl;
    private final String secret;
    private final String bindHost;
    private final String advertisedHost;

    /** A command line, its environment and the directory it runs in. */
    record Command(List<String> argv, Map<String, String> environment, Path dir) {
    }

    /**
     * @param bindHost where the worker listens ({@code sluice.network.bindHost}), and so its processes
     * @param advertisedHost the address the worker advertises ({@code sluice.network.advertisedHost})
     */
    ProcessCommands(WorkerDirectories directories, MasterUrl masterUrl, String secret, String bindHost,
                    String advertisedHost) {
        this.directories = directories;
        this.masterUrl = masterUrl;
        this.secret = secret;
        this.bindHost = bindHost;
        this.advertisedHost = advertisedHost;
    }

    /** The executor the master asked for, connecting to its driver. */
    Command executor(LaunchExecutor launch) {
        Path dir = directories.executorWorkDir(launch.appId(), launch.executorId());
        SluiceConfig config = onThisHost(ExecutorSpec.decodeConfig(launch.configText()));
        ExecutorSpec spec = new ExecutorSpec(launch.appId(), launch.executorId(),
                InetSocketAddress.createUnresolved(launch.driverHost(), launch.driverPort()), launch.cores(), dir,
                directories.executorLocalDirs(launch.appId(), launch.executorId()), config, secret);
        List<String> argv = JavaCommand.of(launch.memoryMiB(), config.get(ConfigKeys.EXECUTOR_JAVA_OPTIONS),
                System.getProperty("java.class.path"), ExecutorMain.class.getName());
        Map<String, String> environment = new LinkedHashMap<>(spec.toEnvironment());
        environment.put(ExecutorMain.PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        return new Command(argv, environment, dir);
    }

    /**
     * A cluster-mode driver, with its jar written into its directory.
     *
     * @throws IOException if the jar cannot be written
     */
    Command driver(String driverId, DriverDescription description) throws IOException {
        Path dir = Files.createDirectories(directories.driverWorkDir(driverId));
        Path jar = dir.resolve(description.jarName().replaceAll("[^\\w.+-]", "_"));
        Files.write(jar, description.jar());
        SluiceConfig config = onThisHost(ExecutorSpec.decodeConfig(description.configText()))
                .with(ConfigKeys.MASTER, masterUrl.toString());
        Map<String, String> environment = DriverWrapper.environment(config, secret, description.mainClass());
        List<String> argv = new ArrayList<>(JavaCommand.of(description.memoryMiB(), "",
                System.getProperty("java.class.path") + File.pathSeparator + jar, DriverWrapper.class.getName()));
        argv.addAll(List.of(description.args()));
        return new Command(argv, environment, dir);
    }

    /** An application's settings for a process on this host: it listens where the worker does. */
    private SluiceConfig onThisHost(SluiceConfig config) {
        return config.with(ConfigKeys.NETWORK_BIND_HOST, bindHost).with(ConfigKeys.NETWORK_ADVERTISED_HOST, advertisedHost);
    }
}
