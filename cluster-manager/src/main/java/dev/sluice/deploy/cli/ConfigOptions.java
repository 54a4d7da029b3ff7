package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.MasterUrl;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --conf} and {@code --properties-file} options every command shares. */
final class ConfigOptions {
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Sluice setting (repeatable); wins over the "
            + "environment and the properties file.")
    List<String> conf = new ArrayList<>();

    @Option(names = "--properties-file", paramLabel = "FILE",
            description = "Read settings from FILE instead of conf/sluice-defaults.conf.")
    Path propertiesFile;

    /** The layered configuration with {@code master} (when not null) as {@code sluice.master}. */
    SluiceConfig loadWithMaster(String master) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(ConfigKeys.MASTER.name(), master);
        return load(flags);
    }

    /** The standalone master a configuration names. */
    static MasterUrl masterOf(SluiceConfig config) {
        return MasterUrl.parse(config.get(ConfigKeys.MASTER));
    }

    /** The layered configuration, with {@code flags} (non-null values only) above {@code --conf}. */
    SluiceConfig load(Map<String, String> flags) {
        Map<String, String> commandLine = new LinkedHashMap<>();
        for (String text : conf) {
            Map.Entry<String, String> entry = Settings.parseConf(text);
            commandLine.put(entry.getKey(), entry.getValue());
        }
        flags.forEach((key, value) -> {
            if (value != null) {
                commandLine.put(key, value);
            }
        });
        return Settings.load(propertiesFile, System.getenv(), commandLine);
    }
}
