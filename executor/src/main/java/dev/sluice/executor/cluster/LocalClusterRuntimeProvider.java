package dev.sluice.executor.cluster;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.executor.DriverRuntime;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.executor.scheduler.DagScheduler;
import dev.sluice.executor.scheduler.SchedulerSettings;
import dev.sluice.executor.shuffle.MapOutputTracker;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.RuntimeProvider;
import io.micrometer.core.instrument.MeterRegistry;

/** Provides local-cluster mode for the master {@code local-cluster[N,C,M]}. */
public final class LocalClusterRuntimeProvider implements RuntimeProvider {

    @Override
    public boolean accepts(String master) {
        return LocalClusterShape.isLocalCluster(master);
    }

    @Override
    public Runtime create(String appId, SluiceConfig config, MeterRegistry registry) {
        LocalClusterShape shape = LocalClusterShape.parse(config.get(ConfigKeys.MASTER));
        EngineMetrics metrics = new EngineMetrics(registry, MapOutputTracker.DRIVER);
        MapOutputTracker mapOutputs = new MapOutputTracker();
        LocalClusterDeployment deployment = LocalClusterDeployment.start(appId, config, registry, shape, mapOutputs);
        DagScheduler scheduler = new DagScheduler(deployment.backend(), mapOutputs, metrics,
                SchedulerSettings.from(config), deployment.cacheLocations());
        deployment.onExecutorLost(scheduler::executorLost);
        return new DriverRuntime(registry, scheduler, deployment);
    }
}
