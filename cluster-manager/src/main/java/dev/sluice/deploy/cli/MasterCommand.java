package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.master.FileSystemRecoveryStore;
import dev.sluice.deploy.master.Master;
import dev.sluice.deploy.master.RecoveryStore;
import dev.sluice.executor.protocol.TransportSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sluice master}: runs a standalone master until the process is stopped. */
@Command(name = "master", mixinStandardHelpOptions = true, description = "Runs a standalone cluster master.")
final class MasterCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "H", description = "Address to listen on (sluice.network.bindHost; "
            + "default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "Port for workers, drivers and submissions "
            + "(sluice.master.port; default 7077, 0 = any).")
    Integer port;

    @Option(names = "--webui-port", paramLabel = "W", description = "Port of the JSON state (sluice.master.webui.port; "
            + "default 8080, 0 = any).")
    Integer webUiPort;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put(ConfigKeys.NETWORK_BIND_HOST.name(), host);
        flags.put(ConfigKeys.MASTER_PORT.name(), port == null ? null : port.toString());
        flags.put(ConfigKeys.MASTER_WEBUI_PORT.name(), webUiPort == null ? null : webUiPort.toString());
        SluiceConfig config = options.load(flags);
        String secret = Settings.secret(config, true);
        RecoveryStore store = recoveryStore(config);
        Master master = Master.start(config, TransportSettings.transportConfig(config, secret,
                config.get(ConfigKeys.MASTER_PORT)), store);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            master.close();
            stopped.countDown();
        }, "sluice-master-shutdown"));
        System.out.println("Sluice master listening at " + master.url() + " (JSON state: http://"
                + master.url().host() + ":" + master.webUiPort() + "/api/v1/)");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static RecoveryStore recoveryStore(SluiceConfig config) throws java.io.IOException {
        String mode = config.get(ConfigKeys.RECOVERY_MODE).toUpperCase(Locale.ROOT);
        switch (mode) {
            case "NONE":
                return RecoveryStore.none();
            case "FILESYSTEM":
                String dir = config.get(ConfigKeys.RECOVERY_DIRECTORY);
                if (dir.isEmpty()) {
                    throw new ConfigException("sluice.recovery.mode=FILESYSTEM needs sluice.recovery.directory");
                }
                return new FileSystemRecoveryStore(Path.of(dir));
            default:
                throw new ConfigException("sluice.recovery.mode must be NONE or FILESYSTEM, got " + mode);
        }
    }
}
