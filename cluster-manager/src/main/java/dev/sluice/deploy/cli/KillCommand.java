package dev.sluice.deploy.cli;

import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.Kill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sluice kill}: ends an application (its executors stop) or a cluster-mode driver. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Kills an application or a driver.")
final class KillCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "APP_OR_DRIVER_ID", description = "An application id or a driver id.")
    String id;

    @Mixin
    MasterOptions master;

    @Override
    public Integer call() throws Exception {
        SluiceConfig config = master.config();
        try (MasterClient client = master.connect(config)) {
            System.out.println(client.ask(new Kill(id), Ack.class).message());
        }
        return 0;
    }
}
