package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKey;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.protocol.TransportSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a command: {@code conf/sluice-defaults.conf} (or {@code --properties-file}), overridden by
 * {@code SLUICE_*} environment variables named after the keys ({@code sluice.worker.cores} is
 * {@code SLUICE_WORKER_CORES}), overridden by the command line. Also finds the cluster's secret, which by default
 * lives in {@code conf/sluice.secret} (the master creates it; copy it to every host).
 */
final class Settings {
    static final String SECRET_FILE_NAME = "sluice.secret";

    private Settings() {
    }

    /** The configuration directory: {@code SLUICE_CONF_DIR}, else {@code conf/} of the installation. */
    static Path confDir() {
        String dir = System.getenv("SLUICE_CONF_DIR");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir);
        }
        String home = System.getProperty("sluice.home", "");
        return home.isEmpty() ? Path.of("conf") : Path.of(home, "conf");
    }

    /**
     * The layered configuration.
     *
     * @param propertiesFile replaces {@code conf/sluice-defaults.conf} when not null
     * @param commandLine settings from flags and {@code --conf}, which win
     * @throws ConfigException for an unreadable file, an unknown key or a bad value
     */
    static SluiceConfig load(Path propertiesFile, Map<String, String> environment, Map<String, String> commandLine) {
        Map<String, String> values = new LinkedHashMap<>();
        Path file = propertiesFile != null ? propertiesFile : confDir().resolve("sluice-defaults.conf");
        if (propertiesFile != null || Files.isRegularFile(file)) {
            values.putAll(readProperties(file));
        }
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String value = environment.get(environmentName(key.name()));
            if (value != null && !value.isEmpty()) {
                values.put(key.name(), value);
            }
        }
        values.putAll(commandLine);
        return SluiceConfig.of(values);
    }

    /** {@code sluice.worker.webui.port} -> {@code SLUICE_WORKER_WEBUI_PORT}; camel case gets underscores. */
    static String environmentName(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the properties file " + file + ": " + e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).strip()));
        return values;
    }

    /** Parses {@code --conf key=value}. */
    static Map.Entry<String, String> parseConf(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("Malformed --conf '" + text + "': expected KEY=VALUE, e.g. --conf "
                    + "sluice.task.maxFailures=8");
        }
        String key = text.substring(0, eq).strip();
        if (ConfigKeys.find(key).isEmpty()) {
            SluiceConfig.of(Map.of(key, "")); // throws with the closest known key
        }
        return Map.entry(key, text.substring(eq + 1));
    }

    /**
     * The cluster's secret: {@code sluice.auth.secret}, {@code sluice.auth.secretFile}, else
     * {@code conf/sluice.secret}, which {@code create} makes (random, readable by its owner only) if missing.
     *
     * @throws ConfigException if there is none and {@code create} is false
     */
    static String secret(SluiceConfig config, boolean create) {
        String configured = TransportSettings.configuredSecret(config);
        if (!configured.isEmpty()) {
            return configured;
        }
        Path file = confDir().resolve(SECRET_FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            if (!create) {
                throw new ConfigException("No cluster secret: " + file + " does not exist and neither "
                        + "sluice.auth.secret nor sluice.auth.secretFile is set. Copy the master's conf/"
                        + SECRET_FILE_NAME + " here, or set one of those keys");
            }
            Files.createDirectories(file.getParent());
            String secret = TransportSettings.randomSecret();
            Path temporary = file.resolveSibling("." + SECRET_FILE_NAME + ".tmp");
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its default permissions apply
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.err.println("Created the cluster secret " + file + "; workers and submitters on other hosts need a copy");
            return secret;
        } catch (IOException e) {
            throw new ConfigException("Cannot read or create the cluster secret " + file + ": " + e);
        }
    }
}
