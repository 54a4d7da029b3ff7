package dev.sluice.deploy.cli;

import dev.sluice.config.SluiceConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of commands that only talk to a master ({@code status}, {@code kill}). */
final class MasterOptions {
    @Option(names = "--master", paramLabel = "URL", description = "The master, sluice://HOST:PORT (sluice.master).")
    String master;

    @Mixin
    ConfigOptions options;

    /** The layered configuration, with {@code --master} as {@code sluice.master}. */
    SluiceConfig config() {
        return options.loadWithMaster(master);
    }

    /** A connection to the master, proving the cluster's secret. */
    MasterClient connect(SluiceConfig config) throws CommandException {
        return new MasterClient(ConfigOptions.masterOf(config), config, Settings.secret(config, false));
    }
}
