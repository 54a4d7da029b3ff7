package dev.sluice.executor.protocol;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything an executor process needs to start, handed over in its environment (so the secret never shows on
 * a command line): the application, its own id, the driver's address, its task threads, its work directory
 * (logs, fetched jars), the local directories its shuffle, spill and cached-block files spread over, the
 * application's configuration and the shared secret.
 */
public record ExecutorSpec(String appId, String executorId, InetSocketAddress driver, int cores, Path workDir,
                           List<Path> localDirs, SluiceConfig config, String secret) {

    /** Checks that there is at least one local directory. */
    public ExecutorSpec {
        localDirs = List.copyOf(localDirs);
        if (localDirs.isEmpty()) {
            throw new IllegalArgumentException("Executor " + executorId + " of " + appId + " needs a local directory");
        }
    }

    /** An executor that keeps its shuffle, spill and cached-block files in its work directory. */
    public ExecutorSpec(String appId, String executorId, InetSocketAddress driver, int cores, Path workDir,
                        SluiceConfig config, String secret) {
        this(appId, executorId, driver, cores, workDir, List.of(workDir), config, secret);
    }

    private static final String APP_ID = "SLUICE_APP_ID";
    private static final String EXECUTOR_ID = "SLUICE_EXECUTOR_ID";
    private static final String DRIVER_HOST = "SLUICE_DRIVER_HOST";
    private static final String DRIVER_PORT = "SLUICE_DRIVER_PORT";
    private static final String CORES = "SLUICE_EXECUTOR_CORES";
    private static final String WORK_DIR = "SLUICE_EXECUTOR_DIR";
    /** The local directories, separated by {@link File#pathSeparator} as in {@code PATH}. */
    private static final String LOCAL_DIRS = "SLUICE_EXECUTOR_LOCAL_DIRS";
    private static final String CONFIG = "SLUICE_EXECUTOR_CONF";

    /** The environment variables describing this executor. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(APP_ID, appId);
        env.put(EXECUTOR_ID, executorId);
        env.put(DRIVER_HOST, driver.getHostString());
        env.put(DRIVER_PORT, Integer.toString(driver.getPort()));
        env.put(CORES, Integer.toString(cores));
        env.put(WORK_DIR, workDir.toString());
        env.put(LOCAL_DIRS, localDirs.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        env.put(CONFIG, encodeConfig(config));
        env.put(TransportSettings.SECRET_ENVIRONMENT_VARIABLE, secret);
        return env;
    }

    /**
     * Reads the spec from an executor's environment.
     *
     * @throws IllegalArgumentException naming the first variable that is missing or malformed
     */
    public static ExecutorSpec fromEnvironment(Map<String, String> env) {
        return new ExecutorSpec(required(env, APP_ID), required(env, EXECUTOR_ID),
                new InetSocketAddress(required(env, DRIVER_HOST), number(env, DRIVER_PORT)), number(env, CORES),
                Path.of(required(env, WORK_DIR)), localDirs(required(env, LOCAL_DIRS)), decodeConfig(required(env, CONFIG)),
                required(env, TransportSettings.SECRET_ENVIRONMENT_VARIABLE));
    }

    private static List<Path> localDirs(String value) {
        return Arrays.stream(value.split(Pattern.quote(File.pathSeparator))).filter(dir -> !dir.isEmpty())
                .map(Path::of).toList();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("The environment variable " + name + " is not set: executor processes "
                    + "are started by a Sluice driver or worker, not by hand");
        }
        return value;
    }

    private static int number(Map<String, String> env, String name) {
        String value = required(env, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The environment variable " + name + " is not a number: " + value);
        }
    }

    /** The configuration as properties text, without the secret (which travels in the environment only). */
    public static String encodeConfig(SluiceConfig config) {
        Properties properties = new Properties();
        config.asMap().forEach((key, value) -> {
            if (!key.equals(ConfigKeys.AUTH_SECRET.name())) {
                properties.setProperty(key, value);
            }
        });
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads {@link #encodeConfig(SluiceConfig)}'s text. */
    public static SluiceConfig decodeConfig(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return SluiceConfig.of(values);
    }

    @Override
    public String toString() {
        return "executor " + executorId + " of " + appId + " (driver " + driver + ", " + cores + " cores)";
    }
}
