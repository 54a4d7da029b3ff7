package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.deploy.worker.Worker;
import dev.sluice.executor.protocol.TransportSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sluice worker sluice://HOST:PORT}: runs a worker of that master until the process is stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Runs a standalone cluster worker, which registers with the master and runs its processes.")
final class WorkerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MASTER", description = "The master, sluice://HOST:PORT.")
    String master;

    @Option(names = "--cores", paramLabel = "N", description = "Cores to offer (sluice.worker.cores; default: all).")
    Integer cores;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory to offer, e.g. 4g (sluice.worker.memory; "
            + "default: the machine's less 1 GiB).")
    String memory;

    @Option(names = "--work-dir", paramLabel = "D", description = "Directory of executors' and drivers' files and "
            + "logs (sluice.worker.workDir; default: work/ of the installation).")
    String workDir;

    @Option(names = "--host", paramLabel = "H", description = "Address to listen on (sluice.network.bindHost; "
            + "default 127.0.0.1); executors started here listen on it too.")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "Port for the master's commands (sluice.worker.port; "
            + "default any).")
    Integer port;

    @Option(names = "--webui-port", paramLabel = "W", description = "Port of the JSON state (sluice.worker.webui.port;"
            + " default 8081, 0 = any).")
    Integer webUiPort;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        MasterUrl masterUrl = MasterUrl.parse(master);
        Map<String, String> flags = new HashMap<>();
        flags.put(ConfigKeys.WORKER_CORES.name(), cores == null ? null : cores.toString());
        flags.put(ConfigKeys.WORKER_MEMORY.name(), memory);
        flags.put(ConfigKeys.WORKER_WORK_DIR.name(), workDir);
        flags.put(ConfigKeys.NETWORK_BIND_HOST.name(), host);
        flags.put(ConfigKeys.WORKER_PORT.name(), port == null ? null : port.toString());
        flags.put(ConfigKeys.WORKER_WEBUI_PORT.name(), webUiPort == null ? null : webUiPort.toString());
        SluiceConfig config = options.load(flags);
        String secret = Settings.secret(config, false);
        Worker worker = Worker.start(masterUrl, config, TransportSettings.transportConfig(config, secret,
                config.get(ConfigKeys.WORKER_PORT)), secret);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "sluice-worker-shutdown"));
        System.out.println("Sluice worker " + worker.id() + " listening at " + worker.address().getHostString() + ":"
                + worker.address().getPort() + " for " + masterUrl + " (JSON state: http://"
                + worker.address().getHostString() + ":" + worker.webUiPort() + "/api/v1/)");
        System.out.flush();
        String fatal = worker.fatalError().get(); // runs until the process is stopped, or this
        worker.close();
        throw new CommandException(fatal);
    }
}
