package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.ApplicationMain;
import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.DriverState;
import dev.sluice.deploy.DeployMessages.DriverSubmitted;
import dev.sluice.deploy.DeployMessages.RequestDriverState;
import dev.sluice.deploy.DeployMessages.SubmitDriver;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.executor.protocol.ExecutorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;

/**
 * {@code sluice submit}: runs an application's main class against a standalone master, in this process (client
 * deploy mode) or in a driver process a worker starts (cluster deploy mode). Flags are spark-submit's.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submits an application to a standalone cluster.")
final class SubmitCommand implements Callable<Integer> {
    private static final Set<String> FINAL_STATES = Set.of("FINISHED", "FAILED", "KILLED", "ERROR");

    @Option(names = "--master", paramLabel = "URL", description = "The master, sluice://HOST:PORT (sluice.master).")
    String master;

    @Option(names = "--class", paramLabel = "MAIN", required = true, description = "The application's main class.")
    String mainClass;

    @Option(names = "--deploy-mode", paramLabel = "MODE", defaultValue = "client",
            description = "client (the driver runs here; default) or cluster (a worker runs it).")
    String deployMode;

    @Option(names = "--name", paramLabel = "NAME", description = "The application's name (sluice.app.name).")
    String name;

    @Option(names = "--supervise", description = "Cluster mode: restart the driver when it exits with a non-zero code.")
    boolean supervise;

    @Option(names = "--executor-cores", paramLabel = "N", description = "Task threads per executor "
            + "(sluice.executor.cores; default: all free cores of a worker).")
    Integer executorCores;

    @Option(names = "--executor-memory", paramLabel = "SIZE", description = "Heap per executor, e.g. 2g "
            + "(sluice.executor.memory; default 1g).")
    String executorMemory;

    @Option(names = "--total-executor-cores", paramLabel = "N", description = "Most task threads over the cluster "
            + "(sluice.cores.max; default: no limit).")
    Integer totalExecutorCores;

    @Option(names = "--driver-cores", paramLabel = "N", description = "Cluster mode: the driver's cores "
            + "(sluice.driver.cores; default 1).")
    Integer driverCores;

    @Option(names = "--driver-memory", paramLabel = "SIZE", description = "Cluster mode: the driver's heap "
            + "(sluice.driver.memory; default 1g).")
    String driverMemory;

    @Option(names = "--wait", description = "Cluster mode: wait for the driver to end and exit with 0 only if it "
            + "finished well.")
    boolean await;

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "APP_JAR", description = "The application's jar.")
    Path jar;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of the main class.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put(ConfigKeys.MASTER.name(), master);
        flags.put(ConfigKeys.APP_NAME.name(), name);
        flags.put(ConfigKeys.EXECUTOR_CORES.name(), executorCores == null ? null : executorCores.toString());
        flags.put(ConfigKeys.EXECUTOR_MEMORY.name(), executorMemory);
        flags.put(ConfigKeys.CORES_MAX.name(), totalExecutorCores == null ? null : totalExecutorCores.toString());
        flags.put(ConfigKeys.DRIVER_CORES.name(), driverCores == null ? null : driverCores.toString());
        flags.put(ConfigKeys.DRIVER_MEMORY.name(), driverMemory);
        flags.put(ConfigKeys.DRIVER_SUPERVISE.name(), supervise ? "true" : null);
        SluiceConfig config = options.load(flags);
        String url = config.get(ConfigKeys.MASTER);
        if (!MasterUrl.isStandalone(url)) {
            throw new CommandException("--master must be a standalone master sluice://HOST:PORT, got '" + url + "'");
        }
        MasterUrl masterUrl = MasterUrl.parse(url);
        if (config.raw(ConfigKeys.APP_NAME).isEmpty()) {
            config = config.with(ConfigKeys.APP_NAME, mainClass.substring(mainClass.lastIndexOf('.') + 1));
        }
        checkJar();
        return switch (deployMode) {
            case "client" -> runHere(config);
            case "cluster" -> submitToCluster(masterUrl, config);
            default -> throw new CommandException("--deploy-mode must be client or cluster, got '" + deployMode + "'");
        };
    }

    private void checkJar() throws CommandException {
        if (!Files.isRegularFile(jar)) {
            throw new CommandException("The application jar " + jar + " does not exist");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(mainClass.replace('.', '/') + ".class") == null) {
                throw new CommandException("The main class " + mainClass + " is not in " + jar);
            }
        } catch (IOException e) {
            throw new CommandException("The application jar " + jar + " is not a readable jar: " + e.getMessage());
        }
    }

    /** Client mode: this JVM is the driver; the jar is served to executors from here. */
    private int runHere(SluiceConfig config) throws Exception {
        String secret = Settings.secret(config, false);
        Path app = jar.toAbsolutePath();
        String jars = config.get(ConfigKeys.JARS);
        config = config.with(ConfigKeys.JARS, jars.isEmpty() ? app.toString() : jars + "," + app);
        config.asMap().forEach(System::setProperty);
        System.setProperty(ConfigKeys.AUTH_SECRET.name(), secret);
        URLClassLoader loader = new URLClassLoader("sluice-application", new URL[] {app.toUri().toURL()},
                SubmitCommand.class.getClassLoader());
        return ApplicationMain.run(mainClass, args.toArray(String[]::new), loader);
    }

    /** Cluster mode: the master has a worker start the driver with the jar's bytes. */
    private int submitToCluster(MasterUrl masterUrl, SluiceConfig config) throws Exception {
        String secret = Settings.secret(config, false);
        byte[] bytes = Files.readAllBytes(jar);
        long limit = config.get(ConfigKeys.NETWORK_MAX_FRAME_SIZE) - (1 << 20);
        if (bytes.length > limit) {
            throw new CommandException("The application jar " + jar + " has " + bytes.length + " bytes; cluster mode "
                    + "sends it to the master in one message of at most sluice.network.maxFrameSize less 1 MiB ("
                    + limit + " bytes). Raise that setting on the master, workers and here, or use client mode");
        }
        DriverDescription description = new DriverDescription(mainClass, jar.getFileName().toString(), bytes,
                args.toArray(String[]::new), ExecutorSpec.encodeConfig(config), config.get(ConfigKeys.DRIVER_CORES),
                config.get(ConfigKeys.DRIVER_MEMORY) >> 20, config.get(ConfigKeys.DRIVER_SUPERVISE));
        try (MasterClient client = new MasterClient(masterUrl, config, secret)) {
            String driverId = client.ask(new SubmitDriver(description), DriverSubmitted.class).driverId();
            System.out.println("Submitted " + driverId + " to " + masterUrl);
            if (!await) {
                return 0;
            }
            DriverState state;
            String last = "";
            do {
                Thread.sleep(250); // polling the master; nothing to wait on in this process
                state = client.ask(new RequestDriverState(driverId), DriverState.class);
                if (!state.state().equals(last)) {
                    System.out.println(driverId + " " + state.state()
                            + (state.reason().isEmpty() ? "" : ": " + state.reason()));
                    last = state.state();
                }
            } while (!FINAL_STATES.contains(state.state()));
            return state.state().equals("FINISHED") ? 0 : 1;
        }
    }
}
