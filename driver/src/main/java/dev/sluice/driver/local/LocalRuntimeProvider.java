package dev.sluice.driver.local;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.driver.DriverRuntime;
import dev.sluice.driver.scheduler.CacheLocations;
import dev.sluice.driver.scheduler.DagScheduler;
import dev.sluice.driver.scheduler.SchedulerSettings;
import dev.sluice.executor.ExecutorEnvironment;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.LocalShuffleBlockFetcher;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.RuntimeProvider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provides local mode, a {@link DriverRuntime} over a {@link LocalDeployment}, for the masters {@code local}
 * (one thread), {@code local[N]} and {@code local[*]}.
 */
public final class LocalRuntimeProvider implements RuntimeProvider {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)])?");

    @Override
    public boolean accepts(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    @Override
    public Runtime create(String appId, SluiceConfig config, MeterRegistrySource registry) {
        int threads = threads(config.get(ConfigKeys.MASTER));
        EngineMetrics metrics = new EngineMetrics(MapOutputTracker.DRIVER);
        MapOutputTracker mapOutputs = new MapOutputTracker();
        LocalDirectory dirs = LocalDirectory.create(config.get(ConfigKeys.LOCAL_DIR), appId);
        ExecutorEnvironment executor = ExecutorEnvironment.create(MapOutputTracker.DRIVER, config, metrics, dirs,
                mapOutputs, LocalShuffleBlockFetcher::new);
        LocalDeployment deployment = new LocalDeployment(appId, threads, executor);
        DagScheduler scheduler = new DagScheduler(deployment.backend(), mapOutputs, metrics,
                SchedulerSettings.from(config), CacheLocations.NONE);
        return new DriverRuntime(registry, metrics, scheduler, deployment);
    }

    static int threads(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            throw new ConfigException("Malformed master '" + master + "': expected local, local[N] or local[*]");
        }
        String n = m.group(1);
        if (n == null) {
            return 1;
        }
        if (n.equals("*")) {
            return java.lang.Runtime.getRuntime().availableProcessors();
        }
        int threads;
        try {
            threads = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads <= 0) {
            throw new ConfigException("Malformed master '" + master + "': the thread count must be positive");
        }
        return threads;
    }
}
