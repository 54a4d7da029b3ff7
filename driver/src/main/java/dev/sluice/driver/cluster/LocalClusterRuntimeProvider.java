package dev.sluice.driver.cluster;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.RuntimeProvider;

/** Provides local-cluster mode for the master {@code local-cluster[N,C,M]}. */
public final class LocalClusterRuntimeProvider implements RuntimeProvider {

    @Override
    public boolean accepts(String master) {
        return LocalClusterShape.isLocalCluster(master);
    }

    @Override
    public Runtime create(String appId, SluiceConfig config, MeterRegistrySource registry) {
        LocalClusterShape shape = LocalClusterShape.parse(config.get(ConfigKeys.MASTER));
        return ClusterDeployment.runtime(config, registry,
                mapOutputs -> LocalClusterDeployment.start(appId, config, registry.get(), shape, mapOutputs));
    }
}
