package dev.sluice.driver.cluster;

import dev.sluice.config.SluiceConfig;
import dev.sluice.driver.Deployment;
import dev.sluice.driver.DriverRuntime;
import dev.sluice.driver.scheduler.DagScheduler;
import dev.sluice.driver.scheduler.SchedulerBackend;
import dev.sluice.driver.scheduler.SchedulerSettings;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Runtime;

import java.util.function.Function;

/**
 * A deployment whose tasks run in executor processes behind a {@link ClusterDriver}: local-cluster mode, where
 * the driver launches them, and standalone mode, where a cluster manager's workers do. Subclasses say how the
 * executors come and go; running tasks and cleaning up after them is the driver's.
 */
public abstract class ClusterDeployment implements Deployment {

    /** The driver side of the executors. */
    protected abstract ClusterDriver driver();

    /**
     * The runtime of an application whose deployment {@code start} creates for the given map output tracker:
     * a {@link DagScheduler} that places tasks by cached blocks and recomputes what lost executors held.
     */
    public static Runtime runtime(SluiceConfig config, MeterRegistrySource registry,
                                  Function<MapOutputTracker, ClusterDeployment> start) {
        EngineMetrics metrics = new EngineMetrics(MapOutputTracker.DRIVER);
        MapOutputTracker mapOutputs = new MapOutputTracker();
        ClusterDeployment deployment = start.apply(mapOutputs);
        ClusterDriver driver = deployment.driver();
        DagScheduler scheduler = new DagScheduler(driver.backend(), mapOutputs, metrics, SchedulerSettings.from(config),
                driver.cacheLocations());
        driver.onExecutorLost(scheduler::executorLost);
        return new DriverRuntime(registry, metrics, scheduler, deployment);
    }

    @Override
    public SchedulerBackend backend() {
        return driver().backend();
    }

    @Override
    public void unpersist(int nodeId) {
        driver().unpersist(nodeId);
    }

    @Override
    public void removeShuffle(int shuffleId) {
        driver().removeShuffle(shuffleId);
    }
}
